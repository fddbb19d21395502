// The Quality Assessor's console (SOP Pengawasan Kualitas): find interactions, draw a weekly sample, open one
// interaction (CRM record, timeline, recording with waveform and screen replay), score it; plus the agent's
// own evaluations with disputes and a score chart.
import { api } from './api.js';
import { el, clear, formatTime } from './dom.js';
import { t } from './i18n.js';
import { buildPlayer } from './qa-player.js';

const CHOICES = [['1', 'qa.yes'], ['0.5', 'qa.partly'], ['0', 'qa.no'], ['', 'qa.na']];

export class QaConsole {
  constructor(root, me) {
    this.root = root;
    this.me = me;
  }

  async start() {
    this.form = await api('GET', '/api/qa/forms/active');
    this.results = el('div', { id: 'qa-results' });
    this.view = el('section', { id: 'qa-interaction', class: 'card', hidden: true });
    this.root.append(el('div', { class: 'qa' }, this.searchCard(), this.sampleCard(), this.results, this.view,
      this.disputesCard()));
    window.addEventListener('hashchange', () => this.fromHash());
    this.fromHash();
  }

  fromHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    const id = Number(p.get('ticket'));
    if (id > 0) this.open(id, Number(p.get('t')) || 0);
  }

  searchCard() {
    const fields = ['from', 'to', 'agent', 'team', 'application', 'outcome', 'taxpayer', 'phone'];
    const inputs = Object.fromEntries(fields.map((f) => [f, el('input', {
      id: `qa-${f}`, name: f, type: f === 'from' || f === 'to' ? 'date' : 'text' })]));
    const form = el('form', { id: 'qa-search', class: 'card qa-search' }, el('h2', { text: t('qa.search') }),
      el('div', { class: 'fields' }, fields.map((f) => el('div', {},
        el('label', { for: `qa-${f}`, text: t(`qa.field.${f}`) }), inputs[f]))),
      el('button', { type: 'submit', id: 'qa-search-button', text: t('qa.find') }));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const q = new URLSearchParams();
      fields.forEach((f) => { if (inputs[f].value.trim()) q.set(f, inputs[f].value.trim()); });
      this.showList(t('qa.results'), await api('GET', `/api/qa/interactions?${q}`).catch((err) => this.fail(err)));
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
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const q = new URLSearchParams({ perAgent: n.value });
      if (week.value) q.set('week', week.value);
      const s = await api('GET', `/api/qa/sample?${q}`).catch((err) => this.fail(err));
      if (s) this.showList(`${t('qa.sampleOf')} ${s.week}`, s.calls);
    });
    return form;
  }

  fail(err) {
    clear(this.results).append(el('p', { class: 'error', role: 'alert', text: err.message }));
    return null;
  }

  showList(title, list) {
    if (!list) return;
    const rows = list.map((i) => el('tr', { class: 'clickable', 'data-ticket': i.ticketId,
      onclick: () => { location.hash = `ticket=${i.ticketId}`; } },
    el('td', { text: `#${i.ticketId}` }), el('td', { text: formatTime(i.createdAt) }), el('td', { text: i.agent || '-' }),
    el('td', { text: i.team || '-' }), el('td', { text: i.callerNumber }), el('td', { text: i.application || '-' }),
    el('td', { text: t(`status.${i.status}`) }), el('td', { text: i.npwp || i.nik || '-' }),
    el('td', { text: i.recordingId ? t(`qa.recording.${i.recordingStatus}`) : '-' }),
    el('td', { text: i.score == null ? '-' : String(i.score) })));
    clear(this.results).append(el('section', { class: 'card' }, el('h2', { text: `${title} (${list.length})` }),
      el('table', { class: 'grid', id: 'qa-list' }, el('thead', {}, el('tr', {},
        ['#', 'date', 'agent', 'team', 'phone', 'application', 'outcome', 'taxpayer', 'recording', 'score']
          .map((h) => el('th', { text: t(`qa.col.${h}`) })))), el('tbody', {}, rows))));
  }

  async open(ticketId, startAt) {
    const [ticket, qa] = await Promise.all([api('GET', `/api/tickets/${ticketId}`), api('GET', `/api/qa/interactions/${ticketId}`)])
      .catch((err) => { this.fail(err); return []; });
    if (!ticket) return;
    if (this.player) this.player.audio.pause();
    const record = el('div', { class: 'crm', id: 'qa-crm' },
      el('h2', {}, `${t('ticket')} #${ticket.id} · ${ticket.callerNumber} ${ticket.callerName || ''}`),
      el('p', { class: 'meta', text: `${t('qa.col.agent')}: ${ticket.agent || '-'} · ${t('application')}: ${ticket.application || '-'} · NPWP ${ticket.npwp || '-'} · NIK ${ticket.nik || '-'} · ${t(`status.${ticket.status}`)}` }),
      el('p', { id: 'qa-question' }, el('strong', { text: `${t('question')}: ` }), ticket.question || '-'),
      el('p', {}, el('strong', { text: `${t('notes')}: ` }), ticket.notes || '-'),
      el('h3', { text: t('qa.timeline') }),
      el('ol', { class: 'history', id: 'qa-timeline' }, (ticket.timeline || []).map((e) =>
        el('li', {}, `${formatTime(e.at)} · ${e.actor} · ${e.kind}`))));
    const recording = qa.recordings.find((r) => r.status === 'present');
    let playerNode;
    if (recording) {
      this.player = await buildPlayer(ticketId, recording, ticket.timeline || [], qa.captures, startAt);
      playerNode = this.player.node;
    } else {
      this.player = null;
      const missing = qa.recordings[0];
      playerNode = el('p', { class: 'error', id: 'qa-no-recording',
        text: missing ? `${t(`qa.recording.${missing.status}`)}: ${missing.statusDetail || ''}` : t('qa.noRecording') });
    }
    clear(this.view).append(record, playerNode, await this.evaluationArea(ticketId, qa.evaluations));
    this.view.hidden = false;
    this.view.scrollIntoView();
  }

  async evaluationArea(ticketId, evaluations) {
    const calibrations = (await api('GET', '/api/qa/calibrations').catch(() => []))
      .filter((c) => c.ticketId === ticketId);
    const message = el('p', { id: 'qa-eval-message', role: 'status', class: 'hint' });
    const criteria = this.form.criteria.map((c) => el('fieldset', { class: 'criterion' },
      el('legend', {}, `${c.label} (${c.weight}${c.fatal ? `, ${t('qa.fatal')}` : ''})`),
      CHOICES.filter(([v]) => v !== '' || !c.fatal).map(([v, label]) => el('label', { class: 'choice' },
        el('input', { type: 'radio', name: `crit-${c.code}`, value: v, id: `crit-${c.code}-${v || 'na'}` }), t(label)))));
    const comments = el('textarea', { id: 'qa-comments', rows: 3, maxlength: 4000 });
    const calibration = el('select', { id: 'qa-calibration' }, el('option', { value: '', text: t('qa.normal') }),
      calibrations.filter((c) => !c.submitted).map((c) => el('option', { value: c.id, text: `${t('qa.calibration')} #${c.id}` })));
    const answers = () => {
      const out = {};
      for (const c of this.form.criteria) {
        const chosen = document.querySelector(`input[name="crit-${c.code}"]:checked`);
        if (!chosen) throw new Error(`${t('qa.unanswered')}: ${c.label}`);
        out[c.code] = chosen.value === '' ? null : Number(chosen.value);
      }
      return out;
    };
    const form = el('form', { id: 'qa-eval-form', class: 'evaluation' }, el('h3', { text: t('qa.evaluate') }),
      criteria, el('label', { for: 'qa-comments', text: t('qa.comments') }), comments,
      el('label', { for: 'qa-calibration', text: t('qa.mode') }), calibration,
      el('button', { type: 'submit', id: 'qa-submit', text: t('qa.submit') }), message);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const body = { ticketId, answers: answers(), comments: comments.value };
        if (calibration.value) body.calibrationId = Number(calibration.value);
        const saved = await api('POST', '/api/qa/evaluations', body);
        message.textContent = `${t('qa.saved')} ${saved.score}${saved.fatalFailed ? ` (${t('qa.fatalFailed')})` : ''}`;
        message.dataset.evaluation = saved.id;
        if (body.calibrationId) this.showCalibration(body.calibrationId, history);
        else history.append(evaluationItem(saved, this.supersedeButton(saved, answers, comments, message)));
      } catch (err) {
        message.textContent = err.message;
      }
    });
    const startCalibration = el('button', { type: 'button', class: 'secondary', id: 'qa-start-calibration',
      text: t('qa.startCalibration'), onclick: async () => {
        const c = await api('POST', '/api/qa/calibrations', { ticketId });
        calibration.append(el('option', { value: c.id, text: `${t('qa.calibration')} #${c.id}`, selected: true }));
      } });
    const history = el('ul', { id: 'qa-evaluations', class: 'history' },
      evaluations.map((ev) => evaluationItem(ev, ev.supersededBy ? null : this.supersedeButton(ev, answers, comments, message))));
    calibrations.filter((c) => c.submitted).forEach((c) => this.showCalibration(c.id, history));
    return el('div', { class: 'qa-eval' }, form, startCalibration, el('h3', { text: t('qa.history') }), history);
  }

  supersedeButton(ev, answers, comments, message) {
    return el('button', { type: 'button', class: 'secondary', text: t('qa.supersede'), onclick: async () => {
      const reason = window.prompt(t('qa.supersedeReason'));
      if (!reason) return;
      try {
        const next = await api('POST', `/api/qa/evaluations/${ev.id}/supersede`, { reason, answers: answers(), comments: comments.value });
        message.textContent = `${t('qa.saved')} ${next.score}`;
        this.open(ev.ticketId, 0);
      } catch (err) {
        message.textContent = err.message;
      }
    } });
  }

  async showCalibration(id, into) {
    const r = await api('GET', `/api/qa/calibrations/${id}`);
    if (r.blind) return;
    into.append(el('li', { class: 'calibration', id: `qa-calibration-${id}` },
      `${t('qa.calibration')} #${id}: ${r.evaluations.map((e) => `${e.assessor} ${e.score}`).join(', ')} · ${t('qa.spread')} ${r.spread.range.toFixed(2)} (σ ${r.spread.stddev})`));
  }

  disputesCard() {
    const list = el('ul', { id: 'qa-disputes', class: 'history' });
    const card = el('section', { class: 'card' }, el('h2', { text: t('qa.disputes') }), list);
    api('GET', '/api/qa/disputes?status=open').then((ds) => {
      if (!ds.length) list.append(el('li', { class: 'hint', text: t('qa.noDisputes') }));
      ds.forEach((d) => {
        const decide = (status) => async () => {
          const resolution = window.prompt(t('qa.resolution'));
          if (!resolution) return;
          await api('POST', `/api/qa/disputes/${d.id}/resolve`, { status, resolution }).catch(() => {});
          item.remove();
        };
        const item = el('li', {}, el('a', { href: `#ticket=${d.ticketId}`, text: `#${d.ticketId}` }),
          ` · ${d.agent} · ${d.score} · ${d.reason} `,
          el('button', { type: 'button', class: 'secondary', text: t('qa.uphold'), onclick: decide('upheld') }),
          el('button', { type: 'button', class: 'secondary', text: t('qa.reject'), onclick: decide('rejected') }));
        list.append(item);
      });
    }).catch(() => {});
    return card;
  }
}

function evaluationItem(ev, action) {
  return el('li', { class: ev.supersededBy ? 'superseded' : '', 'data-evaluation': ev.id },
    `#${ev.id} · ${formatTime(ev.submittedAt)} · ${ev.assessor} · ${t('qa.score')} ${ev.score}`,
    ev.fatalFailed ? ` (${t('qa.fatalFailed')})` : '', ev.comments ? ` · ${ev.comments}` : '',
    ev.supersedes ? ` · ${t('qa.supersedes')} #${ev.supersedes}: ${ev.supersedeReason}` : '',
    ev.supersededBy ? ` · ${t('qa.supersededBy')} #${ev.supersededBy}` : '',
    ev.dispute ? ` · ${t('qa.dispute')}: ${t(`qa.disputeStatus.${ev.dispute.status}`)}` : '', ' ', action);
}

/** The agent's own evaluations, with a dispute button each and the weekly score as a chart. */
export async function mountMyEvaluations(container, me) {
  const [mine, scores] = await Promise.all([api('GET', '/api/qa/my-evaluations'),
    api('GET', `/api/qa/agents/${encodeURIComponent(me.username)}/scores`)]).catch(() => [null, null]);
  if (!mine) return;
  const list = el('ul', { class: 'history', id: 'my-evaluations' });
  if (!mine.length) list.append(el('li', { class: 'hint', text: t('qa.noEvaluations') }));
  mine.filter((e) => !e.supersededBy).forEach((ev) => {
    const dispute = !ev.dispute || ev.dispute.status !== 'open' ? el('button', { type: 'button', class: 'secondary',
      text: t('qa.disputeAction'), onclick: async () => {
        const reason = window.prompt(t('qa.disputeReason'));
        if (!reason) return;
        await api('POST', `/api/qa/evaluations/${ev.id}/disputes`, { reason }).catch((err) => window.alert(err.message));
        container.replaceChildren();
        mountMyEvaluations(container, me);
      } }) : null;
    list.append(evaluationItem(ev, dispute));
  });
  container.append(el('section', { class: 'card', id: 'my-evaluations-card' }, el('h2', { text: t('qa.myEvaluations') }),
    chart(scores.weeks), list));
}

/** Weekly average score as an SVG line (0–100), drawn with DOM calls only. */
function chart(weeks) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 400 120');
  svg.setAttribute('class', 'score-chart');
  svg.setAttribute('id', 'score-chart');
  const add = (tag, attrs, text) => {
    const n = document.createElementNS(NS, tag);
    Object.entries(attrs).forEach(([k, v]) => n.setAttribute(k, v));
    if (text != null) n.textContent = text;
    svg.append(n);
    return n;
  };
  add('line', { x1: 30, y1: 105, x2: 395, y2: 105, class: 'axis' });
  add('text', { x: 0, y: 10, class: 'tick' }, '100');
  add('text', { x: 10, y: 108, class: 'tick' }, '0');
  if (!weeks.length) return svg;
  const x = (i) => (weeks.length === 1 ? 210 : 35 + (i * 355) / (weeks.length - 1));
  const y = (v) => 105 - v;
  add('polyline', { points: weeks.map((w, i) => `${x(i)},${y(w.average)}`).join(' '), class: 'line' });
  weeks.forEach((w, i) => {
    add('circle', { cx: x(i), cy: y(w.average), r: 3, class: 'dot' }).append(document.createElementNS(NS, 'title'));
    add('text', { x: x(i) - 12, y: 118, class: 'tick' }, w.week.slice(5));
    add('text', { x: x(i) - 8, y: y(w.average) - 6, class: 'tick' }, String(w.average));
  });
  return svg;
}
