// SIKP suggestions beside the ticket form (SOP step 3): while the agent types the question, the top five
// published articles for the chosen application update live in #side-panel. Opening one shows its full answer;
// "answered from this article" records the article number and version on the ticket through the lifecycle API;
// "not in SIKP" leads to the team-leader discussion form of the ticket tools (lifecycle.js). Snippets arrive as
// escaped text with <mark> around matched words: they are split on the marks and built as text nodes and <mark>
// elements, never parsed as HTML.
import { api } from './api.js';
import { el, clear } from './dom.js';
import { t } from './i18n.js';
import { saveBeforeAction } from './desk-save.js';

const DEBOUNCE_MS = 100;
const SIKP_APPS = ['e-SPT', 'e-Registration', 'e-Filing', 'Umum'];
const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

/** The snippet as nodes: text between the marks, <mark> elements for the marked words. */
export function snippetNodes(snippet) {
  const decode = (s) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (m) => ENTITIES[m] || m);
  const nodes = [];
  (snippet || '').split(/(<mark>.*?<\/mark>)/s).forEach((part) => {
    if (!part) return;
    const m = /^<mark>(.*)<\/mark>$/s.exec(part);
    nodes.push(m ? el('mark', { text: decode(m[1]) }) : document.createTextNode(decode(part)));
  });
  return nodes;
}

export class SikpPanel {
  constructor(me) {
    this.me = me;
    this.seq = 0;
    document.addEventListener('klip:ticket', (e) => this.attach(e.detail));
  }

  attach({ ticket, question, application }) {
    const side = document.getElementById('side-panel');
    if (!side) return;
    this.ticket = ticket;
    this.question = question;
    this.application = application;
    this.list = el('ol', { id: 'sikp-suggestions', class: 'history sikp-list' });
    this.detail = el('div', { id: 'sikp-detail' });
    this.message = el('p', { id: 'sikp-message', class: 'hint', role: 'status' });
    const old = document.getElementById('sikp-panel');
    if (old) old.remove();
    side.prepend(el('section', { id: 'sikp-panel', class: 'card' },
      el('h2', { text: t('sikp.title') }), el('p', { class: 'hint', text: t('sikp.hint') }), this.list,
      el('button', { id: 'sikp-not-found', type: 'button', text: t('sikp.notFound'), onclick: () => this.notInSikp() }),
      this.message, this.detail));
    let timer = null;
    const later = () => { clearTimeout(timer); timer = setTimeout(() => this.refresh(), DEBOUNCE_MS); };
    question.addEventListener('input', later);
    application.addEventListener('change', () => this.refresh());
    this.refresh();
  }

  async refresh() {
    const q = this.question.value;
    const seq = ++this.seq;
    if (!q.trim()) {
      this.render([]);
      return;
    }
    const params = new URLSearchParams({ q, limit: '5' });
    // Only SIKP's own sections filter; for an application it has none for (Coretax, other) search them all.
    if (SIKP_APPS.includes(this.application.value)) params.set('app', this.application.value);
    try {
      const hits = await api('GET', `/api/sikp/suggest?${params}`);
      if (seq === this.seq) this.render(hits); // an older, slower answer never overwrites a newer one
    } catch (err) {
      if (seq === this.seq) this.message.textContent = t('sikp.failed') + err.message;
    }
  }

  render(hits) {
    clear(this.list);
    if (hits.length === 0 && this.question.value.trim()) {
      this.list.append(el('li', { class: 'hint', text: t('sikp.none') }));
    }
    hits.forEach((h) => this.list.append(el('li', {
      class: 'sikp-suggestion', 'data-sikp-id': h.id, 'data-sikp-article': h.number, 'data-sikp-version': h.version,
      'data-sikp-title': h.title,
    },
    el('button', { type: 'button', class: 'link sikp-open', onclick: () => this.open(h.id) },
      el('strong', { text: h.title })),
    ' ', el('span', { class: 'meta', text: `${h.app} · ${h.id}` }),
    h.isNew ? el('span', { class: 'badge sikp-new', text: t('sikp.new') }) : null,
    el('p', { class: 'sikp-snippet' }, snippetNodes(h.snippet)))));
    document.dispatchEvent(new CustomEvent('klip:sikp-suggestions', { detail: {
      suggestions: hits.map((h) => ({ articleId: h.number, version: h.version, title: h.title })) } }));
  }

  async open(id) {
    try {
      const a = await api('GET', `/api/sikp/articles/${encodeURIComponent(id)}`);
      clear(this.detail).append(el('article', { id: 'sikp-article', class: 'sikp-article', 'data-sikp-id': a.id },
        el('h3', { text: a.title }),
        el('p', { class: 'meta', text: `${a.app} · ${a.id} · ${t('sikp.version')} ${a.version}` }),
        el('p', { class: 'sikp-question', text: a.question }),
        el('div', { id: 'sikp-answer', class: 'sikp-answer', text: a.answer }),
        el('button', { id: 'sikp-use', type: 'button', text: t('sikp.use'), onclick: () => this.use(a) }),
        el('button', { type: 'button', text: t('sikp.close'), onclick: () => clear(this.detail) })));
    } catch (err) {
      this.message.textContent = t('sikp.failed') + err.message;
    }
  }

  /** Saves what the agent typed, then records the answer as coming from this article and version. */
  async use(a) {
    const tk = this.ticket;
    try {
      await saveBeforeAction(tk.id);
      const view = await api('POST', `/api/tickets/${tk.id}/transitions`, { to: 'answered', version: tk.version,
        answer: a.answer.slice(0, 8000), source: 'sikp', articleId: a.number, articleVersion: a.version });
      tk.version = view.version;
      this.message.textContent = `${t('sikp.recorded')} ${a.id} (${t('sikp.version')} ${a.version})`;
      this.message.dataset.recorded = a.id;
      document.dispatchEvent(new CustomEvent('klip:sikp-use', { detail: {
        articleId: a.number, version: a.version, answer: a.answer } }));
    } catch (err) {
      this.message.textContent = t('sikp.failed') + err.message;
    }
  }

  /** Not in SIKP: on to the team-leader discussion (SOP step 3), with the question the agent typed. */
  notInSikp() {
    const ask = document.getElementById('wf-ask-question');
    if (!ask) {
      this.message.textContent = t('sikp.noDiscussion');
      return;
    }
    if (!ask.value) ask.value = this.question.value.slice(0, 4000);
    ask.scrollIntoView({ block: 'center' });
    ask.focus();
  }
}
