// A modal question in a <dialog>: a title, what it is about, a required reason. The dialog itself sends the answer
// (submit) and stays open with the server's message when that fails, so nothing typed is lost.
import { el } from './dom.js';
import { t } from './i18n.js';

/**
 * Resolves to submit's result once it succeeded, or null when cancelled (button or Escape).
 * @param {{id: string, title: string, hint?: string, label: string, confirm: string,
 *          submit: (reason: string) => Promise<any>}} options
 */
export function askReason({ id, title, hint, label, confirm, submit }) {
  return new Promise((resolve) => {
    const text = el('textarea', { id: `${id}-text`, rows: 4, maxlength: 2000 });
    const error = el('p', { class: 'error', role: 'alert', id: `${id}-error` });
    const ok = el('button', { type: 'submit', id: `${id}-ok`, text: confirm });
    const cancel = el('button', { type: 'button', class: 'secondary', id: `${id}-cancel`, text: t('dialog.cancel') });
    const form = el('form', { class: 'dialog-form' }, el('h2', { text: title }),
      hint ? el('p', { class: 'meta', text: hint }) : null,
      el('label', { for: `${id}-text`, text: label }), text, error, el('div', { class: 'dialog-actions' }, cancel, ok));
    const dialog = el('dialog', { id, class: 'klip-dialog', 'aria-labelledby': `${id}-title` }, form);
    let result = null;
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const reason = text.value.trim();
      if (!reason) {
        error.textContent = t('dialog.required');
        text.focus();
        return;
      }
      ok.disabled = true;
      try {
        result = await submit(reason);
        dialog.close();
      } catch (err) {
        error.textContent = err.message;
        ok.disabled = false;
      }
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    document.body.append(dialog);
    dialog.showModal();
    text.focus();
  });
}
