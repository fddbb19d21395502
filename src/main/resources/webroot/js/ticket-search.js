// Ticket search for agents and team leaders: number, caller number, NPWP/NIK, name, words, a range of WIB days.
// The server limits results to the tickets this person may open; each result opens in the read dialog.
import { api } from './api.js';
import { el, clear } from './dom.js';
import { t } from './i18n.js';
import { ticketList } from './ticket-read.js';

const FIELDS = [
  ['ticket', 'search.ticket', 'text', { inputmode: 'numeric', maxlength: 19 }],
  ['phone', 'search.phone', 'tel', { maxlength: 60 }],
  ['taxId', 'search.taxId', 'text', { inputmode: 'numeric', maxlength: 40 }],
  ['name', 'search.name', 'text', { maxlength: 100 }],
  ['text', 'search.text', 'text', { maxlength: 200 }],
  ['from', 'search.from', 'date', {}],
  ['to', 'search.to', 'date', {}],
];

export function ticketSearchCard() {
  const inputs = {};
  const message = el('p', { class: 'hint', id: 'search-message', role: 'status' });
  const results = el('div', { id: 'search-results-area' });
  const form = el('form', { id: 'ticket-search-form', class: 'search-grid' },
    FIELDS.map(([name, label, type, attrs]) => {
      inputs[name] = el('input', { id: `search-${name}`, name, type, ...attrs });
      return el('label', { for: `search-${name}` }, el('span', { text: t(label) }), inputs[name]);
    }),
    el('button', { type: 'submit', id: 'search-go', text: t('search.go') }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const query = new URLSearchParams();
    Object.entries(inputs).forEach(([name, input]) => { if (input.value.trim()) query.set(name, input.value.trim()); });
    message.classList.remove('error');
    message.textContent = t('read.loading');
    try {
      const list = await api('GET', `/api/tickets/search?${query}`);
      message.textContent = `${list.length} ${t('read.tickets')}`;
      clear(results).append(ticketList('search-results', list));
    } catch (err) {
      message.classList.add('error');
      message.textContent = err.message;
      clear(results);
    }
  });
  return el('section', { class: 'card', id: 'ticket-search' }, el('h2', { text: t('search.title') }),
    el('p', { class: 'hint', text: t('search.hint') }), form, message, results);
}
