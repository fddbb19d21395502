// Renders one work item: the pop (caller, taxpayer choice, history) and the ticket form. Every input that is part
// of the draft carries data-draft="<key>"; the desk saves those as they are typed.
import { el, clear, formatTime } from './dom.js';
import { t } from './i18n.js';
import { openCallerHistory } from './ticket-read.js';

export function renderPop(area, item, onTaxpayer) {
  const tk = item.ticket;
  const taxpayers = el('div', { id: 'taxpayers' });
  if (item.taxpayers.length === 0) taxpayers.append(el('p', { class: 'hint', text: t('noTaxpayer') }));
  item.taxpayers.forEach((tp) => {
    const radio = el('input', { type: 'radio', name: 'taxpayer', value: tp.id, id: `tp-${tp.id}`,
      checked: tk.taxpayerId === tp.id || (tk.taxpayerId == null && item.taxpayers.length === 1),
      onchange: () => onTaxpayer({ taxpayerId: tp.id }) });
    taxpayers.append(el('label', { class: 'taxpayer', for: `tp-${tp.id}` }, radio,
      el('strong', { text: tp.name }), ` NPWP ${tp.npwp || '-'} · NIK ${tp.nik || '-'}`));
  });
  const history = el('ul', { id: 'history', class: 'history' });
  const others = item.history.filter((h) => h.id !== tk.id).slice(0, 5);
  if (others.length === 0) history.append(el('li', { class: 'hint', text: t('noHistory') }));
  others.forEach((h) => history.append(el('li', {},
    `${formatTime(h.createdAt)} · ${h.application || '-'} · ${h.question || ''} (${t('status.' + h.status)})`)));
  clear(area).append(
    el('h2', { text: t('incomingCall') }),
    el('p', { class: 'caller' }, el('span', { id: 'pop-caller-number', text: tk.callerNumber || t('unknownCaller') }),
      ' ', el('span', { id: 'pop-caller-name', text: tk.callerName || '' })),
    el('p', { class: 'meta' }, `${t('ticket')} #`, el('span', { id: 'pop-ticket-id', text: tk.id }),
      ` · ${t('queue')} ${tk.queue || '-'}`),
    el('h3', { text: t('chooseTaxpayer') }), taxpayers,
    el('h3', { text: t('history') }), history,
    tk.callerNumber ? el('button', { type: 'button', class: 'link', id: 'pop-whole-history', text: t('read.wholeHistory'),
      onclick: () => openCallerHistory(tk.callerNumber) }) : null);
  area.hidden = false;
}

/** The form; returns its fields so the SIKP panel and the workflow tools can follow the question. */
export function renderForm(area, item, applications, { onSave, onIdentity }) {
  const select = el('select', { id: 'application', name: 'application', 'data-draft': 'application' },
    el('option', { value: '', text: t('chooseApplication') }),
    applications.map((a) => el('option', { value: a.code, text: a.label })));
  select.value = item.value('application');
  const question = el('textarea', { id: 'question', name: 'question', rows: 4, maxlength: 4000, 'data-draft': 'question' });
  question.value = item.value('question');
  const notes = el('textarea', { id: 'notes', name: 'notes', rows: 2, maxlength: 8000, 'data-draft': 'notes' });
  notes.value = item.value('notes');
  const identity = el('input', { id: 'npwp-nik', name: 'identity', inputmode: 'numeric', placeholder: t('npwpOrNik'),
    'data-draft': 'identity' });
  identity.value = item.value('identity');
  const message = el('p', { id: 'form-message', class: 'hint', role: 'status' });
  const form = el('form', { id: 'ticket-form' },
    el('label', { for: 'application', text: t('application') }), select,
    el('label', { for: 'question', text: t('question') }), question,
    el('label', { for: 'notes', text: t('notes') }), notes,
    el('button', { type: 'submit', id: 'save-ticket', text: t('save') }), message);
  form.addEventListener('submit', (e) => { e.preventDefault(); onSave(message); });
  const idForm = el('form', { id: 'identity-form', class: 'inline' }, identity,
    el('button', { type: 'submit', text: t('attach') }));
  idForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const digits = identity.value.replace(/[^0-9]/g, '');
    onIdentity(digits.length === 16 ? { nik: identity.value } : { npwp: identity.value });
  });
  clear(area).append(el('h2', { text: `${t('ticket')} #${item.id}` }), form, idForm);
  area.hidden = false;
  return { question, application: select };
}
