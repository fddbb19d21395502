// Talk time and after-call work (ACW) of the ticket on screen, counted from the times the server stamped: talk from
// the answer to the hang-up, ACW from the hang-up until the ticket is finished (answered, escalated, ...). A reload
// counts on from the same stamps, so both stay right.
import { api } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import { elapsed, serverNow } from './server-clock.js';
import { TransferControl } from './transfer.js';

const OPEN = ['received', 'tl_discussion'];

export class CallTimers {
  constructor() {
    this.talk = el('span', { id: 'call-timer', class: 'timer', hidden: true });
    this.acw = el('span', { id: 'acw-timer', class: 'timer', hidden: true });
    this.message = el('span', { id: 'call-control-message', class: 'hint', role: 'status' });
    this.hangup = el('button', { id: 'call-hangup', type: 'button', class: 'hangup', text: t('callControl.hangup'),
      hidden: true, onclick: () => this.hangUp() });
    this.hold = el('button', { id: 'call-hold', type: 'button', class: 'hold', hidden: true,
      onclick: () => this.toggleHold() });
    this.held = el('span', { id: 'call-held', class: 'held', text: t('callControl.held'), hidden: true });
    this.transfer = new TransferControl(() => this.ticket, this.message);
    this.root = el('span', { class: 'call-timers' }, this.talk, this.acw, this.held, this.hold, this.transfer.root,
      this.hangup, this.message);
    this.ticket = null;
    setInterval(() => this.tick(), 1000);
  }

  follow(ticket) {
    if (this.ticket !== ticket) this.message.textContent = '';
    this.ticket = ticket;
    // Already finished when shown (opened from the list): its last change is the step that finished it.
    if (!OPEN.includes(ticket.status || 'received') && !ticket.finishedAt) ticket.finishedAt = ticket.updatedAt;
    this.tick();
  }

  /** Asks the server to hang up the agent's channel; the end itself arrives as the call's usual push. */
  async hangUp() {
    const tk = this.ticket;
    this.message.textContent = '';
    try {
      await api('POST', `/api/tickets/${tk.id}/hangup`);
      this.message.textContent = t('callControl.hungUp');
    } catch (err) {
      this.message.textContent = t('callControl.failed') + err.message;
    }
  }

  /** Hold or take off hold; the answer says which state Asterisk accepted. */
  async toggleHold() {
    const tk = this.ticket;
    this.message.textContent = '';
    try {
      const r = await api('POST', `/api/tickets/${tk.id}/${tk.held ? 'unhold' : 'hold'}`);
      tk.held = r.held;
      this.message.textContent = r.held ? t('callControl.heldDone') : t('callControl.resumed');
    } catch (err) {
      this.message.textContent = t('callControl.failed') + err.message;
    }
    this.tick();
  }

  tick() {
    const tk = this.ticket;
    const answered = tk && tk.answeredAt;
    const live = tk && tk.callStatus === 'connected';
    this.hangup.hidden = !live;
    this.hold.hidden = !live;
    this.held.hidden = !(live && tk.held);
    this.transfer.show(live && !tk.held);
    this.hold.textContent = live && tk.held ? t('callControl.unhold') : t('callControl.hold');
    this.talk.hidden = !answered;
    this.acw.hidden = !(answered && tk.endedAt);
    if (!answered) return;
    this.talk.dataset.since = tk.answeredAt;
    this.talk.textContent = `${t('timer.talk')} ${elapsed(tk.answeredAt, tk.endedAt)}`;
    if (!tk.endedAt) return;
    const finished = !OPEN.includes(tk.status || 'received');
    this.acw.dataset.since = tk.endedAt;
    this.acw.dataset.running = String(!finished);
    // Finished while on screen: the ACW stops now.
    if (finished && !tk.finishedAt) tk.finishedAt = serverNow();
    this.acw.textContent = finished ? `${t('timer.acwDone')} ${elapsed(tk.endedAt, tk.finishedAt)}`
      : `${t('timer.acw')} ${elapsed(tk.endedAt)}`;
  }
}
