// The evaluation side of an interaction: the active form, calibration, and the interaction's evaluations with
// supersede (in a dialog, with a reason). Every change calls onChange, so lists and history show it at once.
import { api } from './api.js';
import { el, clear, formatTime } from './dom.js';
import { t } from './i18n.js';
import { askReason } from './dialog.js';

const CHOICES = [['1', 'qa.yes'], ['0.5', 'qa.partly'], ['0', 'qa.no'], ['', 'qa.na']];

export class EvaluationPanel {
  constructor(form, ticketId, onChange) {
    this.form = form;
    this.ticketId = ticketId;
    this.onChange = onChange;
    this.message = el('p', { id: 'qa-eval-message', role: 'status', class: 'hint' });
    this.history = el('ul', { id: 'qa-evaluations', class: 'history' });
  }

  async build(evaluations) {
    this.calibrations = (await api('GET', '/api/qa/calibrations').catch(() => []))
      .filter((c) => c.ticketId === this.ticketId);
    const criteria = this.form.criteria.map((c) => el('fieldset', { class: 'criterion' },
      el('legend', {}, `${c.label} (${c.weight}${c.fatal ? `, ${t('qa.fatal')}` : ''})`),
      CHOICES.filter(([v]) => v !== '' || !c.fatal).map(([v, label]) => el('label', { class: 'choice' },
        el('input', { type: 'radio', name: `crit-${c.code}`, value: v, id: `crit-${c.code}-${v || 'na'}` }), t(label)))));
    this.comments = el('textarea', { id: 'qa-comments', rows: 2, maxlength: 4000 });
    this.calibration = el('select', { id: 'qa-calibration' }, el('option', { value: '', text: t('qa.normal') }),
      this.calibrations.filter((c) => !c.submitted).map((c) => el('option', { value: c.id, text: `${t('qa.calibration')} #${c.id}` })));
    const form = el('form', { id: 'qa-eval-form', class: 'evaluation' }, el('h3', { text: t('qa.evaluate') }),
      criteria, el('label', { for: 'qa-comments', text: t('qa.comments') }), this.comments,
      el('label', { for: 'qa-calibration', text: t('qa.mode') }), this.calibration,
      el('div', { class: 'eval-actions' }, el('button', { type: 'submit', id: 'qa-submit', text: t('qa.submit') }),
        el('button', { type: 'button', class: 'secondary', id: 'qa-start-calibration', text: t('qa.startCalibration'),
          onclick: () => this.startCalibration() }), this.message));
    form.addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
    this.renderHistory(evaluations);
    return el('div', { class: 'qa-eval' }, form, el('h3', { text: t('qa.history') }), this.history);
  }

  /** The chosen answers per criterion code (null = not applicable); throws naming the first unanswered one. */
  answers() {
    const out = {};
    for (const c of this.form.criteria) {
      const chosen = document.querySelector(`input[name="crit-${c.code}"]:checked`);
      if (!chosen) throw new Error(`${t('qa.unanswered')}: ${c.label}`);
      out[c.code] = chosen.value === '' ? null : Number(chosen.value);
    }
    return out;
  }

  async submit() {
    try {
      const body = { ticketId: this.ticketId, answers: this.answers(), comments: this.comments.value };
      if (this.calibration.value) body.calibrationId = Number(this.calibration.value);
      const saved = await api('POST', '/api/qa/evaluations', body);
      this.message.textContent = `${t('qa.saved')} ${saved.score}${saved.fatalFailed ? ` (${t('qa.fatalFailed')})` : ''}`;
      this.message.dataset.evaluation = saved.id;
      this.onChange();
    } catch (err) {
      this.message.textContent = err.message;
    }
    // The outcome next to the button, in view inside the form's column (the replay column does not move).
    this.message.scrollIntoView({ block: 'nearest' });
  }

  async startCalibration() {
    const c = await api('POST', '/api/qa/calibrations', { ticketId: this.ticketId }).catch((err) => {
      this.message.textContent = err.message;
      return null;
    });
    if (c) this.calibration.append(el('option', { value: c.id, text: `${t('qa.calibration')} #${c.id}`, selected: true }));
  }

  /** Fetches the interaction's evaluations again (after any change) and shows them. */
  async reload() {
    const qa = await api('GET', `/api/qa/interactions/${this.ticketId}`).catch(() => null);
    if (qa) this.renderHistory(qa.evaluations);
  }

  renderHistory(evaluations) {
    clear(this.history);
    if (!evaluations.length) this.history.append(el('li', { class: 'hint', text: t('qa.noEvaluations') }));
    evaluations.forEach((ev) => this.history.append(evaluationItem(ev, ev.supersededBy ? null : this.supersedeButton(ev))));
    this.calibrations.filter((c) => c.submitted).forEach((c) => this.showCalibration(c.id));
  }

  supersedeButton(ev) {
    return el('button', { type: 'button', class: 'secondary', 'data-supersede': ev.id, text: t('qa.supersede'),
      onclick: async () => {
        const next = await askReason({ id: 'qa-supersede-dialog', title: `${t('qa.supersedeTitle')} #${ev.id}`,
          hint: `${t('qa.supersedeHint')}${ev.id}.`, label: t('qa.supersedeReason'), confirm: t('qa.supersede'),
          submit: (reason) => api('POST', `/api/qa/evaluations/${ev.id}/supersede`,
            { reason, answers: this.answers(), comments: this.comments.value }) });
        if (!next) return;
        this.message.textContent = `${t('qa.superseded')} ${next.score}`;
        this.onChange();
      } });
  }

  async showCalibration(id) {
    const r = await api('GET', `/api/qa/calibrations/${id}`).catch(() => ({ blind: true }));
    if (r.blind) return;
    this.history.append(el('li', { class: 'calibration', id: `qa-calibration-${id}` },
      `${t('qa.calibration')} #${id}: ${r.evaluations.map((e) => `${e.assessor} ${e.score}`).join(', ')} · ${t('qa.spread')} ${r.spread.range.toFixed(2)} (σ ${r.spread.stddev})`));
  }
}

export function evaluationItem(ev, action) {
  return el('li', { class: ev.supersededBy ? 'superseded' : '', 'data-evaluation': ev.id },
    `#${ev.id} · ${formatTime(ev.submittedAt)} · ${ev.assessor} · ${t('qa.score')} ${ev.score}`,
    ev.fatalFailed ? ` (${t('qa.fatalFailed')})` : '', ev.comments ? ` · ${ev.comments}` : '',
    ev.supersedes ? ` · ${t('qa.supersedes')} #${ev.supersedes}: ${ev.supersedeReason}` : '',
    ev.supersededBy ? ` · ${t('qa.supersededBy')} #${ev.supersededBy}` : '',
    ev.dispute ? ` · ${t('qa.dispute')}: ${t(`qa.disputeStatus.${ev.dispute.status}`)}` : '', ' ', action);
}
