// A ticket opened to read, from the board, the escalation desk, a search or a caller's history: its fields, its
// timeline in Indonesian and the caller's whole history, in one dialog. The server decides what may be opened.
import { api } from './api.js';
import { el, clear, formatTime } from './dom.js';
import { t } from './i18n.js';
import { eventLabel } from './qa-markers.js';

let dialog = null;

/** Opens ticket {@code id} in the read dialog (replacing what it showed). */
export async function openTicketRead(id) {
  const body = ensureDialog();
  clear(body).append(el('p', { class: 'hint', text: t('read.loading') }));
  if (!dialog.open) dialog.showModal();
  try {
    const ticket = await api('GET', `/api/tickets/${id}`);
    clear(body).append(...ticketNodes(ticket));
  } catch (err) {
    clear(body).append(el('p', { class: 'error', id: 'ticket-read-error', role: 'alert', text: err.message }));
  }
}

/** Opens the whole history of the caller at {@code phone}: every ticket, newest first, each one opens. */
export async function openCallerHistory(phone) {
  const body = ensureDialog();
  clear(body).append(el('p', { class: 'hint', text: t('read.loading') }));
  if (!dialog.open) dialog.showModal();
  try {
    const list = await api('GET', `/api/tickets?phone=${encodeURIComponent(phone)}&limit=500`);
    clear(body).append(el('h2', { id: 'ticket-read-title', text: `${t('read.callerHistory')} ${phone}` }),
      el('p', { class: 'meta', id: 'caller-history-count', text: `${list.length} ${t('read.tickets')}` }),
      ticketList('caller-history', list));
  } catch (err) {
    clear(body).append(el('p', { class: 'error', id: 'ticket-read-error', role: 'alert', text: err.message }));
  }
}

/** Rows of ticket summaries, each opening its ticket in the read dialog. */
export function ticketList(id, list) {
  if (!list.length) return el('p', { class: 'hint', id: `${id}-empty`, text: t('read.none') });
  return el('ul', { class: 'history', id }, list.map((h) => el('li', { 'data-ticket': h.id },
    el('button', { type: 'button', class: 'link open-read', text: `#${h.id}`, onclick: () => openTicketRead(h.id) }),
    ` · ${formatTime(h.createdAt)} · ${[h.callerNumber, h.callerName].filter(Boolean).join(' ')} · `
    + `${h.application || '-'} · ${t('status.' + h.status)} · ${h.question || ''}`)));
}

function ticketNodes(tk) {
  const timeline = el('ol', { class: 'history', id: 'ticket-read-timeline' }, (tk.timeline || []).map((e) =>
    el('li', { 'data-kind': e.kind }, `${formatTime(e.at)} · ${eventLabel(e)}`
      + `${e.actor && e.actor !== 'system' ? ` · ${t('qa.by')} ${e.actor}` : ''}`)));
  return [
    el('h2', { id: 'ticket-read-title', text: `${t('ticket')} #${tk.id}` }),
    tk.readOnly ? el('p', { class: 'hint', id: 'ticket-read-only', role: 'note', text: t('read.readOnly') }) : null,
    el('p', { class: 'caller' }, el('span', { id: 'ticket-read-caller', text: tk.callerNumber || t('unknownCaller') }),
      ' ', tk.callerName || ''),
    el('p', { class: 'meta', id: 'ticket-read-meta', text: [`${t('read.agent')}: ${tk.agent || '-'}`,
      `${t('application')}: ${tk.application || '-'}`, `NPWP ${tk.npwp || '-'}`, `NIK ${tk.nik || '-'}`,
      t('status.' + tk.status), formatTime(tk.createdAt)].join(' · ') }),
    el('p', { id: 'ticket-read-question' }, el('strong', { text: `${t('question')}: ` }), tk.question || '-'),
    el('p', {}, el('strong', { text: `${t('notes')}: ` }), tk.notes || '-'),
    tk.callerNumber ? el('button', { type: 'button', class: 'secondary', id: 'ticket-read-history',
      text: t('read.wholeHistory'), onclick: () => openCallerHistory(tk.callerNumber) }) : null,
    el('h3', { text: t('wf.timeline') }), timeline,
  ].filter(Boolean);
}

function ensureDialog() {
  if (dialog && dialog.isConnected) return dialog.querySelector('.ticket-read-body');
  const body = el('div', { class: 'ticket-read-body' });
  dialog = el('dialog', { id: 'ticket-read', class: 'klip-dialog wide', 'aria-labelledby': 'ticket-read-title' },
    body, el('div', { class: 'dialog-actions' }, el('button', { type: 'button', class: 'secondary',
      id: 'ticket-read-close', text: t('read.close'), onclick: () => dialog.close() })));
  document.body.append(dialog);
  return body;
}
