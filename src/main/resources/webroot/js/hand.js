// "Raise a hand" on the agent desktop: asks the agent's team leader for help during a live call. The server
// decides whether there is a live call (409 otherwise), so the button needs no call state of its own.
import { api } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';

export function handControl() {
  const result = el('span', { id: 'hand-result', class: 'hint', role: 'status' });
  const note = el('input', { id: 'hand-note', maxlength: 500, placeholder: t('notes') });
  const button = el('button', { id: 'raise-hand', type: 'button', text: t('board.raiseHand'), onclick: async () => {
    try {
      await api('POST', '/api/hands', note.value ? { note: note.value } : {});
      result.textContent = t('board.handRaised');
    } catch (err) {
      result.textContent = t('board.handFailed') + err.message;
    }
  } });
  return el('section', { class: 'card hand-control', id: 'hand-control' }, el('div', { class: 'inline' }, note, button),
    result);
}
