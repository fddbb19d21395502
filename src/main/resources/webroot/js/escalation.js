// The escalation desk (live list of escalations; forward to the Direktorat TIP; record its answer and hand it
// back to the agent) and the built-in demo inbox of the directorate.
import { api } from './api.js';
import { Bus } from './bus.js';
import { el, clear, formatTime } from './dom.js';
import { t } from './i18n.js';
import { openTicketRead } from './ticket-read.js';

function busUrl() {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/eventbus/websocket`;
}

export class EscalationDesk {
  constructor(root, me) {
    this.root = root;
    this.me = me;
  }

  async start() {
    this.alerts = el('ul', { id: 'desk-alerts', class: 'history' });
    this.table = el('tbody', { id: 'desk-escalations' });
    this.message = el('p', { id: 'desk-message', class: 'hint', role: 'status' });
    this.root.append(el('section', { id: 'escalation-desk', class: 'card' },
      el('h2', { text: t('wf.deskTitle') }), this.alerts, this.message,
      el('div', { class: 'table-scroll' }, el('table', { class: 'grid' }, el('thead', {}, el('tr', {},
        [t('ticket'), t('caller'), t('wf.col.agent'), t('wf.col.age'), t('wf.col.left'), t('wf.col.question'),
          t('wf.statusLabel'), ''].map((h) => el('th', { text: h })))), this.table))));
    this.bus = new Bus(busUrl(), () => {});
    this.bus.register('browser.desk.escalations', (msg) => this.onMessage(msg));
    await this.load();
    // Ages grow while the desk is open; the time left is the server's working-calendar figure at the last load.
    this.ticker = setInterval(() => this.tickAges(), 30000);
  }

  tickAges() {
    this.table.querySelectorAll('.desk-age').forEach((cell) => {
      cell.textContent = span((Date.now() - Date.parse(cell.getAttribute('data-since'))) / 1000);
    });
  }

  async load() {
    const list = await api('GET', '/api/escalations');
    clear(this.table);
    if (list.length === 0) this.table.append(el('tr', {}, el('td', { colspan: 8, class: 'hint', text: t('wf.noEscalations') })));
    list.forEach((e) => this.table.append(this.row(e)));
  }

  row(e) {
    const actions = el('td', {});
    if (e.status === 'new' || e.status === 'forward_failed') {
      actions.append(el('button', { type: 'button', class: 'desk-forward', text: t('wf.forward'),
        onclick: () => this.act(() => api('POST', `/api/escalations/${e.escalationId}/forward`, {})) }));
    }
    if (e.status !== 'answered' && e.ticketStatus === 'escalated') {
      const answer = el('textarea', { rows: 2, class: 'desk-answer', maxlength: 8000 });
      answer.value = e.directorateReply || '';
      const form = el('form', {}, answer, el('button', { type: 'submit', text: t('wf.recordAnswer') }));
      form.addEventListener('submit', (ev) => {
        ev.preventDefault();
        this.act(() => api('POST', `/api/escalations/${e.escalationId}/answer`, { answer: answer.value }));
      });
      actions.append(form);
    }
    return el('tr', { 'data-ticket': e.ticketId, 'data-escalation': e.escalationId, class: 'desk-row' },
      el('td', {}, el('button', { type: 'button', class: 'link desk-open', text: `#${e.ticketId}`,
        onclick: () => openTicketRead(e.ticketId) })),
      el('td', { class: 'desk-caller' }, el('div', { text: e.callerNumber || t('unknownCaller') }),
        e.callerName ? el('div', { class: 'meta', text: e.callerName }) : null),
      el('td', { class: 'desk-agent', text: e.agent || '-' }),
      el('td', { class: 'desk-age', 'data-since': e.raisedAt, text: span((Date.now() - Date.parse(e.raisedAt)) / 1000) }),
      this.timeLeft(e),
      el('td', {}, el('div', { text: e.question }), e.reason ? el('div', { class: 'meta', text: e.reason }) : null,
        e.directorateReply ? el('div', { class: 'ok', text: `${t('wf.directorateReply')}: ${e.directorateReply}` }) : null,
        thread(e.thread || [])),
      el('td', { class: 'desk-status', text: t('wf.escStatus.' + e.status) }), actions);
  }

  timeLeft(e) {
    if (e.workingSecondsLeft == null) return el('td', { class: 'desk-left', text: '-' });
    const text = e.overdue ? t('wf.overdue') : span(e.workingSecondsLeft);
    return el('td', { class: `desk-left${e.overdue ? ' error' : ''}`, title: `${t('wf.deadline')}: ${formatTime(e.deadlineAt)}` },
      el('div', { text }), el('div', { class: 'meta', text: formatTime(e.deadlineAt) }));
  }

  async act(action) {
    try {
      await action();
      this.message.textContent = t('saved');
      await this.load();
    } catch (err) {
      this.message.textContent = t('wf.failed') + err.message;
    }
  }

  onMessage(msg) {
    if (msg.type === 'deadline') {
      this.alerts.prepend(el('li', { class: 'error', text: `${t('wf.deadlineAlert.' + msg.kind)}${msg.ticketId}` }));
      return;
    }
    this.load();
  }
}

/** The team-leader discussion before the escalation, folded: the question, then each reply. */
function thread(entries) {
  if (!entries.length) return null;
  return el('details', { class: 'desk-thread' }, el('summary', { text: `${t('wf.thread')} (${entries.length})` }),
    el('ol', { class: 'history' }, entries.map((m) => el('li', {},
      `${formatTime(m.at)} · ${m.author}: ${m.body}`))));
}

/** Seconds as Indonesian hours and minutes ("2 jam 5 menit"). */
function span(seconds) {
  const minutes = Math.max(0, Math.floor(seconds / 60));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return m === 0 ? t('wf.lessThanMinute') : `${m} ${t('wf.minutes')}`;
  return `${h} ${t('wf.hours')}${m ? ` ${m} ${t('wf.minutes')}` : ''}`;
}

export class DirectorateInbox {
  constructor(root, me) {
    this.root = root;
    this.me = me;
  }

  async start() {
    this.list = el('div', { id: 'directorate-inbox' });
    this.root.append(el('section', { class: 'card' }, el('h2', { text: t('wf.directorateTitle') }),
      el('p', { class: 'hint', text: t('wf.directorateHint') }), this.list));
    this.bus = new Bus(busUrl(), () => {});
    this.bus.register('browser.directorate.inbox', () => this.load());
    await this.load();
  }

  async load() {
    const items = await api('GET', '/api/directorate/inbox');
    clear(this.list);
    items.forEach((e) => {
      const reply = el('textarea', { rows: 2, maxlength: 8000 });
      const form = el('form', {}, reply, el('button', { type: 'submit', text: t('wf.sendReply') }));
      form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        await api('POST', `/api/directorate/inbox/${e.escalationId}/reply`, { answer: reply.value }).catch(() => {});
        this.load();
      });
      this.list.append(el('div', { class: 'card', 'data-escalation': e.escalationId },
        el('p', {}, el('strong', { text: `#${e.ticketId} · ${e.application || '-'}` }), ` · ${formatTime(e.forwardedAt)}`),
        el('p', { text: e.question }), e.reason ? el('p', { class: 'meta', text: e.reason }) : null,
        e.directorateReply ? el('p', { class: 'ok', text: e.directorateReply }) : form));
    });
  }
}
