// Disputes: the assessors' list of open disputes (uphold or reject, with the decision in a dialog), and the
// agent's own evaluations with a dispute button each and the weekly score as a chart.
import { api } from './api.js';
import { el, clear } from './dom.js';
import { t } from './i18n.js';
import { askReason } from './dialog.js';
import { evaluationItem } from './qa-evaluation.js';

export class DisputesCard {
  constructor(onChange) {
    this.onChange = onChange;
    this.list = el('ul', { id: 'qa-disputes', class: 'history' });
    this.node = el('section', { class: 'card', id: 'qa-disputes-card' }, el('h2', { text: t('qa.disputes') }), this.list);
  }

  async load() {
    const ds = await api('GET', '/api/qa/disputes?status=open').catch(() => null);
    if (!ds) return;
    clear(this.list);
    if (!ds.length) this.list.append(el('li', { class: 'hint', text: t('qa.noDisputes') }));
    ds.forEach((d) => this.list.append(el('li', { 'data-dispute': d.id },
      el('a', { href: `#ticket=${d.ticketId}`, text: `#${d.ticketId}` }), ` · ${d.agent} · ${d.score} · ${d.reason} `,
      el('button', { type: 'button', class: 'secondary', 'data-decide': 'upheld', text: t('qa.uphold'), onclick: () => this.decide(d, 'upheld') }),
      el('button', { type: 'button', class: 'secondary', 'data-decide': 'rejected', text: t('qa.reject'), onclick: () => this.decide(d, 'rejected') }))));
  }

  async decide(d, status) {
    const done = await askReason({ id: 'qa-resolve-dialog', title: t(`qa.resolveTitle.${status}`),
      hint: `${t('qa.resolveHint')}${d.ticketId} (${d.agent}): ${d.reason}`, label: t('qa.resolution'),
      confirm: t(status === 'upheld' ? 'qa.uphold' : 'qa.reject'),
      submit: (resolution) => api('POST', `/api/qa/disputes/${d.id}/resolve`, { status, resolution }) });
    if (done) this.onChange();
  }
}

/** The agent's own evaluations, with a dispute button each and the weekly score as a chart. */
export async function mountMyEvaluations(container, me) {
  const [mine, scores] = await Promise.all([api('GET', '/api/qa/my-evaluations'),
    api('GET', `/api/qa/agents/${encodeURIComponent(me.username)}/scores`)]).catch(() => [null, null]);
  if (!mine) return;
  const list = el('ul', { class: 'history', id: 'my-evaluations' });
  const status = el('p', { class: 'hint', role: 'status', id: 'my-evaluations-status' });
  if (!mine.length) list.append(el('li', { class: 'hint', text: t('qa.noEvaluations') }));
  mine.filter((e) => !e.supersededBy).forEach((ev) => {
    const dispute = !ev.dispute || ev.dispute.status !== 'open' ? el('button', { type: 'button', class: 'secondary',
      'data-dispute-evaluation': ev.id, text: t('qa.disputeAction'), onclick: async () => {
        const sent = await askReason({ id: 'qa-dispute-dialog', title: `${t('qa.disputeTitle')} #${ev.id}`,
          hint: `${t('qa.disputeHint')}${ev.id} · ${t('qa.score')} ${ev.score}`, label: t('qa.disputeReason'),
          confirm: t('dialog.send'), submit: (reason) => api('POST', `/api/qa/evaluations/${ev.id}/disputes`, { reason }) });
        if (!sent) return;
        clear(container);
        await mountMyEvaluations(container, me);
        const again = document.getElementById('my-evaluations-status');
        if (again) again.textContent = t('qa.disputed');
      } }) : null;
    list.append(evaluationItem(ev, dispute));
  });
  container.append(el('section', { class: 'card', id: 'my-evaluations-card' }, el('h2', { text: t('qa.myEvaluations') }),
    chart(scores.weeks), status, list));
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
