// The agent desk's keyboard: Alt+S save, Alt+J answer from the opened SIKP article, Alt+T ask the team leader,
// Alt+E escalate (the last two send when their field is filled, else put the cursor there); and toasts for what
// arrives while the agent looks elsewhere (team leader replies, directorate answers, hand-backs).
import { el } from './dom.js';
import { t } from './i18n.js';

const TOAST_MS = 8000;

function sendOrFocus(fieldId, buttonId) {
  const field = document.getElementById(fieldId);
  if (!field) return;
  if (field.value.trim()) document.getElementById(buttonId).click();
  else field.focus();
}

const KEYS = {
  s: () => document.getElementById('save-ticket')?.click(),
  j: () => document.getElementById('sikp-use')?.click(),
  t: () => sendOrFocus('wf-ask-question', 'wf-ask'),
  e: () => sendOrFocus('wf-escalate-reason', 'wf-escalate'),
};

export function installDeskKeys(root) {
  document.addEventListener('keydown', (e) => {
    const action = e.altKey && !e.ctrlKey && !e.metaKey ? KEYS[e.key.toLowerCase()] : null;
    if (!action || !root.isConnected) return;
    e.preventDefault();
    action();
  });
  root.prepend(el('p', { id: 'desk-keys', class: 'hint keys', text: t('desk.keys') }));
  const toasts = el('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite' });
  document.body.append(toasts);
  document.addEventListener('klip:message', (e) => {
    const msg = e.detail;
    const text = msg.type === 'discussion_reply' ? `${t('desk.toast.reply')} #${msg.ticketId}: ${msg.body || ''}`
      : msg.type === 'directorate_answer' ? `${t('desk.toast.handBack')} #${msg.ticketId}: ${msg.answer || ''}` : null;
    if (!text) return;
    const toast = el('div', { class: 'toast', 'data-ticket': msg.ticketId, text });
    toasts.append(toast);
    setTimeout(() => toast.remove(), TOAST_MS);
  });
}
