// Transfer of the live call from the desk: "Alihkan" opens a small menu (team leader, or back to the queue). What
// the agent typed is saved first, so whoever takes the call next gets the ticket as typed; then the server asks
// Asterisk for a blind transfer. The desk lets the call go when the server reports the transfer (a 'transferred'
// push), not at the click.
import { api } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import { saveBeforeAction } from './desk-save.js';

export class TransferControl {
  /** {@code ticket}: the ticket on screen now; {@code message}: where the outcome is said. */
  constructor(ticket, message) {
    this.ticket = ticket;
    this.message = message;
    this.toggle = el('button', { id: 'call-transfer', type: 'button', class: 'transfer', hidden: true,
      text: t('callControl.transfer'), 'aria-haspopup': 'true', 'aria-expanded': 'false',
      'aria-controls': 'transfer-menu', onclick: () => this.open(this.menu.hidden) });
    this.menu = el('span', { id: 'transfer-menu', class: 'transfer-menu', role: 'group', hidden: true,
      'aria-label': t('callControl.transferTo') },
    el('button', { id: 'transfer-leader', type: 'button', text: t('callControl.toLeader'),
      onclick: () => this.transfer('leader') }),
    el('button', { id: 'transfer-queue', type: 'button', text: t('callControl.toQueue'),
      onclick: () => this.transfer('queue') }));
    this.menu.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { this.open(false); this.toggle.focus(); }
    });
    this.root = el('span', { class: 'transfer-control' }, this.toggle, this.menu);
  }

  open(open) {
    this.menu.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    if (open) this.menu.querySelector('button').focus();
  }

  /** Shown only while the call is connected and not on hold (Asterisk cannot transfer a held call). */
  show(visible) {
    this.toggle.hidden = !visible;
    if (!visible) this.open(false);
  }

  async transfer(to) {
    const tk = this.ticket();
    this.open(false);
    this.message.textContent = t('callControl.transferring');
    try {
      await saveBeforeAction(tk.id);
      await api('POST', `/api/tickets/${tk.id}/transfer`, { to });
      this.message.textContent = t('callControl.transferSent');
    } catch (err) {
      this.message.textContent = t('callControl.failed') + err.message;
    }
  }
}
