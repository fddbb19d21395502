// The SLA report: per day and team, answered on the spot, escalated within the deadline, overdue now, median
// handling time; a small bar chart drawn as SVG through DOM calls (no innerHTML, no inline styles).
import { api } from './api.js';
import { el, clear, jakartaDay } from './dom.js';
import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (text != null) node.textContent = text;
  return node;
}

export class SlaReport {
  constructor(root) {
    this.root = root;
  }

  async start() {
    // Days are Jakarta days (as the report counts them): before 07:00 WIB the UTC date would still be yesterday.
    const today = jakartaDay();
    const from = el('input', { id: 'sla-from', type: 'date', value: jakartaDay(Date.now() - 13 * 86400000) });
    const to = el('input', { id: 'sla-to', type: 'date', value: today });
    this.chart = el('div', { id: 'sla-chart' });
    this.body = el('tbody', { id: 'sla-rows' });
    this.message = el('p', { class: 'error', role: 'alert' });
    const form = el('form', { class: 'inline' }, el('label', { for: 'sla-from', text: t('wf.slaFrom') }), from,
      el('label', { for: 'sla-to', text: t('wf.slaTo') }), to, el('button', { type: 'submit', text: t('wf.slaShow') }));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.load(from.value, to.value); });
    const heads = ['slaDay', 'slaTeam', 'slaTotal', 'slaOnSpot', 'slaEscalated', 'slaInTime', 'slaOverdue', 'slaMedian'];
    this.root.append(el('section', { id: 'sla-report', class: 'card' }, el('h2', { text: t('wf.slaTitle') }), form,
      this.message, this.chart,
      el('table', { class: 'grid' }, el('thead', {}, el('tr', {}, heads.map((h) => el('th', { text: t('wf.' + h) })))), this.body)));
    await this.load(from.value, to.value);
  }

  async load(from, to) {
    try {
      const rows = await api('GET', `/api/reports/sla?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      this.message.textContent = '';
      clear(this.body);
      rows.forEach((r) => this.body.append(el('tr', {},
        [r.day, r.team, r.total, r.answeredOnSpotShare ?? '-', r.escalated, r.escalatedInTimeShare ?? '-', r.overdueNow,
          r.medianHandlingSeconds == null ? '-' : (r.medianHandlingSeconds / 60).toFixed(1)].map((v) => el('td', { text: v })))));
      clear(this.chart).append(this.draw(rows));
    } catch (err) {
      this.message.textContent = err.message;
    }
  }

  /** Share answered on the spot per day and team as bars (0-100 %), newest on the right. */
  draw(rows) {
    const data = [...rows].reverse();
    const width = Math.max(320, data.length * 56 + 40);
    const height = 180;
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height + 40}`, width, height: height + 40, role: 'img',
      'aria-label': t('wf.slaOnSpot') });
    chart.append(svg('line', { x1: 30, y1: height, x2: width, y2: height, stroke: '#5b6677' }));
    [0, 50, 100].forEach((p) => chart.append(svg('text', { x: 0, y: height - p * (height - 10) / 100 + 4, 'font-size': 10 }, `${p}%`)));
    data.forEach((r, i) => {
      const share = r.answeredOnSpotShare ?? 0;
      const h = share * (height - 10) / 100;
      const x = 36 + i * 56;
      chart.append(svg('rect', { x, y: height - h, width: 40, height: h, fill: '#0b3d91' }, null));
      chart.append(svg('text', { x, y: height - h - 3, 'font-size': 10 }, `${share}%`));
      chart.append(svg('text', { x, y: height + 14, 'font-size': 9 }, r.day.slice(5)));
      chart.append(svg('text', { x, y: height + 26, 'font-size': 9 }, r.team));
    });
    return chart;
  }
}
