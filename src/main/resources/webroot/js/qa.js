// The Quality Assessor's console (SOP Pengawasan Kualitas), built for a day of scoring: find interactions (by
// agent name or user name, number, NPWP/NIK, WIB dates) or draw a weekly sample; open one in a workspace that fits
// the screen (player, waveform with Indonesian markers and screen replay on the left, CRM record and evaluation
// form on the right); drive the player from the keyboard; every change refreshes the lists it touches.
import { api } from './api.js';
import { el, clear, formatTime } from './dom.js';
import { t } from './i18n.js';
import { buildPlayer } from './qa-player.js';
import { eventLabel } from './qa-markers.js';
import { EvaluationPanel } from './qa-evaluation.js';
import { DisputesCard } from './qa-disputes.js';

const TEXT_FIELDS = 'textarea, select, input:not([type=radio]):not([type=checkbox]), [contenteditable]';

export class QaConsole {
  constructor(root, me) {
    this.root = root;
    this.me = me;
    this.list = [];
    this.loadList = null;
  }

  async start() {
    this.form = await api('GET', '/api/qa/forms/active');
    this.results = el('div', { id: 'qa-results' });
    this.view = el('section', { id: 'qa-interaction', class: 'qa-workspace', hidden: true });
    this.disputes = new DisputesCard(() => this.changed());
    this.root.append(el('div', { class: 'qa' }, this.searchCard(), this.sampleCard(), this.results, this.view,
      this.disputes.node));
    this.disputes.load();
    window.addEventListener('hashchange', () => this.fromHash());
    document.addEventListener('keydown', (e) => this.onKey(e));
    this.fromHash();
  }

  fromHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    const id = Number(p.get('ticket'));
    if (id > 0) this.open(id, Number(p.get('t')) || 0);
  }

  searchCard() {
    const fields = ['from', 'to', 'agent', 'team', 'application', 'outcome', 'taxpayer', 'phone'];
    const hints = { agent: 'qa.agentHint', phone: 'qa.phoneHint', taxpayer: 'qa.taxpayerHint' };
    const inputs = Object.fromEntries(fields.map((f) => [f, el('input', {
      id: `qa-${f}`, name: f, type: f === 'from' || f === 'to' ? 'date' : 'text',
      placeholder: hints[f] ? t(hints[f]) : null })]));
    const form = el('form', { id: 'qa-search', class: 'card qa-search' }, el('h2', { text: t('qa.search') }),
      el('div', { class: 'fields' }, fields.map((f) => el('div', {},
        el('label', { for: `qa-${f}`, text: t(`qa.field.${f}`) }), inputs[f]))),
      el('p', { class: 'hint', text: t('qa.datesWib') }),
      el('button', { type: 'submit', id: 'qa-search-button', text: t('qa.find') }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const q = new URLSearchParams();
      fields.forEach((f) => { if (inputs[f].value.trim()) q.set(f, inputs[f].value.trim()); });
      this.showList(t('qa.results'), () => api('GET', `/api/qa/interactions?${q}`));
    });
    return form;
  }

  sampleCard() {
    const week = el('input', { id: 'qa-week', type: 'week' });
    const n = el('input', { id: 'qa-per-agent', type: 'number', min: 1, max: 50, value: 5 });
    const form = el('form', { id: 'qa-sample', class: 'card inline' },
      el('div', {}, el('label', { for: 'qa-week', text: t('qa.week') }), week),
      el('div', {}, el('label', { for: 'qa-per-agent', text: t('qa.perAgent') }), n),
      el('button', { type: 'submit', text: t('qa.drawSample') }));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const q = new URLSearchParams({ perAgent: n.value });
      if (week.value) q.set('week', week.value);
      let title = t('qa.sampleOf');
      this.showList(title, async () => {
        const s = await api('GET', `/api/qa/sample?${q}`);
        title = `${t('qa.sampleOf')} ${s.week}`;
        return s.calls;
      }, () => title);
    });
    return form;
  }

  /** Shows a list and remembers how it was made, so that every change can show it again. */
  async showList(title, load, titleOf = () => title) {
    this.loadList = { load, titleOf };
    await this.refreshList();
  }

  async refreshList() {
    if (!this.loadList) return;
    let list;
    try {
      list = await this.loadList.load();
    } catch (err) {
      clear(this.results).append(el('p', { class: 'error', role: 'alert', text: err.message }));
      return;
    }
    this.list = list;
    const rows = list.map((i) => el('tr', { class: i.ticketId === this.current ? 'clickable current' : 'clickable',
      'data-ticket': i.ticketId, onclick: () => { location.hash = `ticket=${i.ticketId}`; } },
    el('td', { text: `#${i.ticketId}` }), el('td', { text: formatTime(i.createdAt) }),
    el('td', { text: i.agentName ? `${i.agentName} (${i.agent})` : i.agent || '-' }),
    el('td', { text: i.team || '-' }), el('td', { text: i.callerNumber }), el('td', { text: i.application || '-' }),
    el('td', { text: t(`status.${i.status}`) }), el('td', { text: i.npwp || i.nik || '-' }),
    el('td', { text: i.recordingId ? t(`qa.recording.${i.recordingStatus}`) : '-' }),
    el('td', { class: 'score', text: i.score == null ? '-' : String(i.score) })));
    clear(this.results).append(el('section', { class: 'card' },
      el('h2', { text: `${this.loadList.titleOf()} (${list.length})` }),
      list.length ? el('table', { class: 'grid', id: 'qa-list' }, el('thead', {}, el('tr', {},
        ['#', 'date', 'agent', 'team', 'phone', 'application', 'outcome', 'taxpayer', 'recording', 'score']
          .map((h) => el('th', { text: t(`qa.col.${h}`) })))), el('tbody', {}, rows))
        : el('p', { class: 'hint', id: 'qa-no-results', text: t('qa.noResults') })));
  }

  /** After a change (evaluation, supersede, dispute decision): the lists and the open history show it. */
  changed() {
    this.refreshList();
    this.disputes.load();
    if (this.evaluation) this.evaluation.reload();
  }

  fail(err) {
    clear(this.results).append(el('p', { class: 'error', role: 'alert', text: err.message }));
    return null;
  }

  async open(ticketId, startAt) {
    const [ticket, qa] = await Promise.all([api('GET', `/api/tickets/${ticketId}`), api('GET', `/api/qa/interactions/${ticketId}`)])
      .catch((err) => { this.fail(err); return []; });
    if (!ticket) return;
    if (this.player) this.player.stop();
    this.current = ticketId;
    this.results.querySelectorAll('tr.current').forEach((r) => r.classList.remove('current'));
    const row = this.results.querySelector(`tr[data-ticket="${ticketId}"]`);
    if (row) row.classList.add('current');
    const recording = qa.recordings.find((r) => r.status === 'present');
    let media;
    if (recording) {
      this.player = await buildPlayer(ticketId, recording, ticket.timeline || [], qa.captures, startAt);
      media = [this.player.controls, this.player.screen];
    } else {
      this.player = null;
      const missing = qa.recordings[0];
      media = [el('p', { class: 'error', id: 'qa-no-recording',
        text: missing ? `${t(`qa.recording.${missing.status}`)}: ${missing.statusDetail || ''}` : t('qa.noRecording') })];
    }
    this.evaluation = new EvaluationPanel(this.form, ticketId, () => this.changed());
    const evaluationNode = await this.evaluation.build(qa.evaluations);
    clear(this.view).append(this.header(ticket),
      el('div', { class: 'qa-media', id: 'qa-media' }, media),
      el('div', { class: 'qa-side', id: 'qa-side' }, this.record(ticket), evaluationNode));
    this.view.hidden = false;
    this.view.scrollIntoView({ block: 'start' });
    if (this.player) this.player.layout();
  }

  header(ticket) {
    const at = this.list.findIndex((i) => i.ticketId === ticket.id);
    const nav = (dir, id, label) => el('button', { type: 'button', class: 'secondary', id, text: t(label),
      disabled: at < 0 || !this.list[at + dir], onclick: () => this.move(dir) });
    return el('div', { class: 'qa-bar' },
      el('button', { type: 'button', class: 'secondary', id: 'qa-back', text: t('qa.back'),
        onclick: () => this.results.scrollIntoView({ block: 'start' }) }),
      nav(-1, 'qa-previous', 'qa.previous'), nav(1, 'qa-next', 'qa.next'),
      at >= 0 ? el('span', { class: 'hint', text: `${t('qa.position')} ${at + 1} ${t('qa.ofList')} ${this.list.length}` }) : null,
      el('h2', { id: 'qa-title' }, `${t('ticket')} #${ticket.id} · ${ticket.callerNumber} ${ticket.callerName || ''}`));
  }

  record(ticket) {
    return el('div', { class: 'crm', id: 'qa-crm' },
      el('p', { class: 'meta', text: `${t('qa.col.agent')}: ${ticket.agent || '-'} · ${t('application')}: ${ticket.application || '-'} · NPWP ${ticket.npwp || '-'} · NIK ${ticket.nik || '-'} · ${t(`status.${ticket.status}`)}` }),
      el('p', { id: 'qa-question' }, el('strong', { text: `${t('question')}: ` }), ticket.question || '-'),
      el('p', {}, el('strong', { text: `${t('notes')}: ` }), ticket.notes || '-'),
      el('details', { class: 'timeline' }, el('summary', { text: t('qa.timeline') }),
        el('ol', { class: 'history', id: 'qa-timeline' }, (ticket.timeline || []).map((e) =>
          el('li', { 'data-kind': e.kind }, `${formatTime(e.at)} · ${eventLabel(e)}${e.actor && e.actor !== 'system' ? ` · ${t('qa.by')} ${e.actor}` : ''}`)))));
  }

  move(dir) {
    const at = this.list.findIndex((i) => i.ticketId === this.current);
    const next = at < 0 ? null : this.list[at + dir];
    if (next) location.hash = `ticket=${next.ticketId}`;
  }

  /**
   * Keyboard: Space play/pause, ← → 5 s back/forward, − + speed, N/P next/previous interaction. Not while typing
   * or in a dialog; arrows on a focused score choice seek too, so a rewind never changes a score by accident.
   */
  onKey(e) {
    if (this.view.hidden || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
    if (e.target instanceof Element && e.target.closest(TEXT_FIELDS)) return;
    const p = this.player;
    switch (e.key) {
      case ' ': if (p) p.toggle(); break;
      case 'ArrowLeft': if (p) p.step(-1); break;
      case 'ArrowRight': if (p) p.step(1); break;
      case '-': case '_': if (p) p.speedStep(-1); break;
      case '+': case '=': if (p) p.speedStep(1); break;
      case 'n': case 'N': this.move(1); break;
      case 'p': case 'P': this.move(-1); break;
      default: return;
    }
    e.preventDefault();
  }
}
