// "Raise a hand" on the agent desktop: asks the agent's team leader for help during a live call. The hand shows
// on the team leader's live board (the server decides whether there is a live call: 409 otherwise). When a
// ticket is open on the desk, it also opens the team-leader discussion for it with the note as the question.
import { api } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';

export function handControl() {
  let current = null; // { ticket, question } from the desk's klip:ticket event
  document.addEventListener('klip:ticket', (e) => { current = e.detail; });
  const result = el('span', { id: 'hand-result', class: 'hint', role: 'status' });
  const note = el('input', { id: 'hand-note', maxlength: 500, placeholder: t('notes') });
  const button = el('button', { id: 'raise-hand', type: 'button', text: t('board.raiseHand'), onclick: async () => {
    try {
      await api('POST', '/api/hands', note.value ? { note: note.value } : {});
      result.textContent = t('board.handRaised');
    } catch (err) {
      result.textContent = t('board.handFailed') + err.message;
      return;
    }
    if (current && current.ticket) openDiscussion(current, note.value, result);
  } });
  return el('section', { class: 'card hand-control', id: 'hand-control' }, el('div', { class: 'inline' }, note, button),
    result);
}

async function openDiscussion(current, note, result) {
  const question = note || (current.question && current.question.value) || '';
  try {
    // The ticket's version may have moved on since it popped (a save): read it now.
    const ticket = await api('GET', `/api/tickets/${current.ticket.id}`);
    await api('POST', `/api/tickets/${current.ticket.id}/discussions`, { version: ticket.version, question });
    result.textContent = `${t('board.handRaised')} ${t('board.discussionOpened')}`;
  } catch (err) {
    result.textContent = `${t('board.handRaised')} ${t('board.discussionFailed')}${err.message}`;
  }
}
