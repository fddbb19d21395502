// The agent's side of the SOP on the live ticket: answer, ask the team leader, escalate, call back, deliver,
// close; the deadline countdown, the per-tier clocks, the discussion thread and the timeline. Hooks into the
// agent desktop only through its DOM events (klip:ticket, klip:message). The SIKP suggestions panel may
// dispatch 'klip:sikp-suggestions' {suggestions: [{articleId, version, title}]} (what the agent sees, sent
// with a question to the team leader) and 'klip:sikp-use' {articleId, version, answer} (prefills the answer).
import { api } from './api.js';
import { el, clear, formatTime } from './dom.js';
import { t } from './i18n.js';
import { saveBeforeAction } from './desk-save.js';

function duration(seconds) {
  if (seconds == null) return '-';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} j ${m} m` : `${m} m ${s % 60} d`;
}

export class TicketTools {
  constructor(me) {
    this.me = me;
    this.ticket = null;
    this.refreshes = 0;
    this.notice = null; // the outcome of the last action on this ticket, kept across redraws
    this.area = el('section', { id: 'ticket-tools', class: 'card', hidden: true });
    this.alerts = el('div', { id: 'workflow-alerts' });
    document.addEventListener('klip:ticket', (e) => this.attach(e.detail.ticket));
    document.addEventListener('klip:message', (e) => this.onMessage(e.detail));
    this.suggestions = [];
    document.addEventListener('klip:sikp-suggestions', (e) => { this.suggestions = (e.detail && e.detail.suggestions) || []; });
    document.addEventListener('klip:sikp-use', (e) => this.useArticle(e.detail || {}));
    setInterval(() => this.tick(), 1000);
  }

  /** Puts the panel under the ticket form (or at the top of the desk when no form is shown). */
  place() {
    if (this.area.isConnected) return;
    const form = document.getElementById('ticket-form-area');
    if (form) form.after(this.area, this.alerts);
  }

  attach(ticket) {
    this.place();
    this.ticket = ticket; // the desktop's own object: versions we bump stay in step with its form
    this.thread = [];
    this.discussionId = null;
    this.notice = null;
    this.refresh();
  }

  async open(ticketId) {
    this.place();
    const view = await api('GET', `/api/tickets/${ticketId}/lifecycle`);
    this.ticket = view;
    this.notice = null;
    this.refresh();
  }

  async refresh() {
    if (!this.ticket) return;
    const id = this.ticket.id;
    // Pushes can start refreshes that overlap: only the last one started renders, so an older answer never
    // paints over a newer one.
    const seq = ++this.refreshes;
    try {
      const [view, sla] = await Promise.all([api('GET', `/api/tickets/${id}/lifecycle`), api('GET', `/api/tickets/${id}/sla`)]);
      const open = await api('GET', '/api/discussions').catch(() => []);
      const mine = open.find((d) => d.ticketId === id);
      const thread = mine ? (await api('GET', `/api/discussions/${mine.id}`)).messages : null;
      if (seq !== this.refreshes || !this.ticket || this.ticket.id !== id) return;
      this.ticket.version = view.version;
      this.ticket.status = view.status;
      this.view = view;
      this.sla = sla;
      this.slaLoadedAt = Date.now();
      if (mine) {
        this.discussionId = mine.id;
        this.thread = thread;
      }
      this.render();
    } catch (err) {
      this.area.hidden = false;
      clear(this.area).append(el('p', { class: 'error', text: t('wf.failed') + err.message }));
    }
  }

  render() {
    const v = this.view;
    const message = el('p', { id: 'wf-message', class: 'hint', role: 'status', text: this.notice || '' });
    const actions = el('div', { class: 'wf-actions' });
    const can = (s) => v.next.includes(s);
    if (can('tl_discussion') && this.me.role === 'agent') actions.append(this.askForm(message));
    if (can('answered')) actions.append(this.answerForm(message));
    if (can('escalated')) actions.append(this.escalateForm(message));
    if (v.status === 'directorate_answered') {
      actions.append(el('button', { id: 'wf-callback', type: 'button', text: t('wf.callback'),
        onclick: () => {
          message.textContent = t('wf.callbackRinging');
          this.run(message, () => api('POST', `/api/tickets/${v.id}/callback`), t('wf.callbackDone'));
        } }));
    }
    if (can('delivered')) actions.append(this.moveButton('wf-delivered', 'delivered', t('wf.delivered'), message));
    if (can('closed')) actions.append(this.moveButton('wf-close', 'closed', t('wf.close'), message));
    this.countdown = el('span', { id: 'wf-countdown' });
    // Element.append() would print a null as the text "null": absent parts are filtered out first.
    clear(this.area).append(...[
      el('h2', { text: `${t('wf.panelTitle')} #${v.id}` }),
      el('p', {}, `${t('wf.statusLabel')}: `, el('strong', { id: 'wf-status', 'data-status': v.status, text: t('status.' + v.status) })),
      v.answer ? el('p', { id: 'wf-answer' }, el('strong', { text: `${t('wf.answerText')}: ` }), v.answer) : null,
      this.slaBlock(), actions, message, this.threadBlock(), this.timelineBlock()].filter((part) => part != null));
    this.area.hidden = false;
    this.tick();
    document.dispatchEvent(new CustomEvent('klip:rendered', { detail: { ticketId: v.id } }));
  }

  slaBlock() {
    const s = this.sla;
    const tiers = el('ul', { id: 'wf-tiers', class: 'history' });
    Object.entries(s.clocks.tiers).forEach(([tier, secs]) => tiers.append(el('li', { 'data-tier': tier },
      `${t('wf.tier.' + tier)}: ${duration(secs)}${s.clocks.holding === tier ? ' ●' : ''}`)));
    return el('div', { class: 'wf-sla' },
      el('p', {}, `${t('wf.deadline')}: ${formatTime(s.deadlineAt)} · `, el('span', { id: 'wf-remaining' })),
      el('p', { class: 'meta', text: t('wf.tiers') }), tiers);
  }

  tick() {
    const node = document.getElementById('wf-remaining');
    if (!node || !this.sla) return;
    const s = this.sla;
    if (!s.open) { node.textContent = ''; return; }
    if (s.overdue || Date.now() >= Date.parse(s.deadlineAt)) {
      node.textContent = t('wf.overdue');
      node.className = 'error';
      return;
    }
    // Working time only runs in office hours; between refreshes we count down wall-clock time, which is
    // exact during the day and errs on the side of urgency outside it.
    const left = s.remainingWorkingSeconds - (Date.now() - this.slaLoadedAt) / 1000;
    node.textContent = `${t('wf.remaining')}: ${duration(left)}${s.warning ? ' — ' + t('wf.warning') : ''}`;
    node.className = s.warning ? 'error' : '';
  }

  askForm(message) {
    const q = el('input', { id: 'wf-ask-question', placeholder: t('wf.askPlaceholder'), maxlength: 4000,
      'data-draft': 'askQuestion' });
    const form = el('form', { id: 'wf-ask-form', class: 'inline' }, q,
      el('button', { id: 'wf-ask', type: 'submit', text: t('wf.askLeader') }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      // What the agent saw: the suggestions the SIKP panel announced, else those it marks on screen.
      const marked = [...document.querySelectorAll('[data-sikp-article]')].map((n) => ({
        articleId: Number(n.dataset.sikpArticle), version: Number(n.dataset.sikpVersion || 0) || null,
        title: n.dataset.sikpTitle || n.textContent.slice(0, 300),
      }));
      const suggestions = (this.suggestions.length ? this.suggestions : marked).slice(0, 10).map((x) => ({
        articleId: x.articleId ?? null, version: x.version ?? null, title: (x.title || '').slice(0, 300),
      }));
      this.run(message, () => api('POST', `/api/tickets/${this.ticket.id}/discussions`, {
        version: this.ticket.version, question: q.value || null, suggestions,
      }), t('wf.asked'));
    });
    return form;
  }

  answerForm(message) {
    const text = el('textarea', { id: 'wf-answer-text', rows: 2, maxlength: 8000, 'data-draft': 'answer' });
    const source = el('select', { id: 'wf-source' },
      el('option', { value: 'sikp', text: t('wf.sourceSikp') }),
      el('option', { value: 'discussion', text: t('wf.sourceDiscussion'), selected: this.view.status === 'tl_discussion' }));
    const article = el('input', { id: 'wf-article', inputmode: 'numeric', placeholder: t('wf.articleId') });
    const version = el('input', { id: 'wf-article-version', inputmode: 'numeric', placeholder: t('wf.articleVersion') });
    const form = el('form', { id: 'wf-answer-form' },
      el('label', { for: 'wf-answer-text', text: t('wf.answerText') }), text,
      el('label', { for: 'wf-source', text: t('wf.source') }), source,
      el('div', { class: 'inline' }, article, version),
      el('button', { id: 'wf-answer-submit', type: 'submit', text: t('wf.answer') }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = { to: 'answered', version: this.ticket.version, answer: text.value, source: source.value };
      if (source.value === 'sikp') {
        body.articleId = Number(article.value) || null;
        body.articleVersion = Number(version.value) || null;
      }
      this.run(message, () => api('POST', `/api/tickets/${this.ticket.id}/transitions`, body), t('saved'));
    });
    return form;
  }

  useArticle(a) {
    const text = document.getElementById('wf-answer-text');
    if (!text) return;
    if (a.answer) text.value = a.answer;
    document.getElementById('wf-source').value = 'sikp';
    if (a.articleId) document.getElementById('wf-article').value = a.articleId;
    if (a.version) document.getElementById('wf-article-version').value = a.version;
  }

  escalateForm(message) {
    const reason = el('input', { id: 'wf-escalate-reason', placeholder: t('wf.escalateReason'), maxlength: 4000,
      'data-draft': 'escalateReason' });
    const form = el('form', { id: 'wf-escalate-form', class: 'inline' }, reason,
      el('button', { id: 'wf-escalate', type: 'submit', text: t('wf.escalate') }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.run(message, () => api('POST', `/api/tickets/${this.ticket.id}/transitions`, {
        to: 'escalated', version: this.ticket.version, note: reason.value || undefined,
      }), t('wf.escalated'));
    });
    return form;
  }

  moveButton(id, to, label, message) {
    return el('button', { id, type: 'button', text: label,
      onclick: () => this.run(message, () => api('POST', `/api/tickets/${this.ticket.id}/transitions`,
        { to, version: this.ticket.version }), t('saved')) });
  }

  /** Saves what the agent typed (Simpan pressed or not), then acts: nothing typed is lost to a workflow step. */
  async run(message, action, done) {
    try {
      await saveBeforeAction(this.ticket.id);
      await action();
      this.notice = done;
      await this.refresh();
      const m = document.getElementById('wf-message');
      if (m) m.textContent = done;
    } catch (err) {
      message.textContent = t('wf.failed') + (err.code ? t(err.code) : err.message);
    }
  }

  threadBlock() {
    if (!this.discussionId) return null;
    const list = el('ul', { id: 'wf-thread', class: 'history' });
    this.thread.forEach((m) => list.append(el('li', { class: 'wf-msg' }, el('strong', { text: `${m.author}: ` }), m.body)));
    const input = el('input', { id: 'wf-thread-input', maxlength: 4000 });
    const form = el('form', { class: 'inline' }, input, el('button', { type: 'submit', text: t('wf.send') }));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!input.value) return;
      const msg = await api('POST', `/api/discussions/${this.discussionId}/messages`, { body: input.value });
      this.thread.push(msg);
      this.render();
    });
    return el('div', {}, el('h3', { text: t('wf.thread') }), list, form);
  }

  timelineBlock() {
    const list = el('ol', { id: 'wf-timeline', class: 'history' });
    const items = this.view.transitions.map((tr) => [tr.at,
      `${tr.actor} · ${t('status.' + tr.from)} → ${t('status.' + tr.to)}`
      + (tr.answer ? ` · ${tr.answer}` : '') + (tr.note ? ` · ${tr.note}` : '')]);
    const e = this.sla && this.sla.escalation;
    if (e && e.forwardedAt) items.push([e.forwardedAt, `${e.forwardedBy || ''} · ${t('wf.escStatus.forwarded')} (${e.channel})`]);
    if (e && e.directorateReplyAt) items.push([e.directorateReplyAt, `${t('wf.directorateReply')}: ${e.directorateReply}`]);
    ((this.sla && this.sla.callbacks) || []).forEach((c) => items.push([c.requestedAt, `${t('wf.callback')} · ${c.number} · ${t('wf.callbackOutcome.' + c.outcome)}${reasonOf(c)}`]));
    items.sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]))
      .forEach(([at, text]) => list.append(el('li', {}, `${formatTime(at)} · ${text}`)));
    return el('div', {}, el('h3', { text: t('wf.timeline') }), list);
  }

  onMessage(msg) {
    const current = this.ticket && msg.ticketId === this.ticket.id;
    if (msg.type === 'discussion_reply' && current) {
      this.discussionId = msg.discussionId;
      this.thread.push(msg);
      this.render();
    } else if ((msg.type === 'withdrawn' || msg.type === 'transferred') && current) {
      this.area.hidden = true;
      this.ticket = null;
    } else if (msg.type === 'status' && current) {
      this.refresh();
    } else if (msg.type === 'directorate_answer' || msg.type === 'deadline') {
      const label = msg.type === 'deadline' ? t('wf.deadlineAlert.' + msg.kind) : t('wf.directorateAnswerFor');
      this.place();
      this.alerts.append(el('div', { class: 'card wf-alert', 'data-ticket': msg.ticketId },
        `${label}${msg.ticketId}${msg.answer ? ' — ' + msg.answer : ''} `,
        el('button', { type: 'button', text: t('wf.open'), onclick: () => this.open(msg.ticketId) })));
      if (current) this.refresh();
    }
  }
}

// Why a callback failed (the Originate's reason code), in words.
function reasonOf(callback) {
  return callback.reason ? ` — ${t(`originate.${callback.reason}`)}` : '';
}
