// The agent's state in the top bar: ready, not ready, or a break with its reason. Choosing one asks the server,
// which pauses or unpauses the agent's phone in the queue (AMI QueuePause); what the bar shows is only ever what
// the queue then reports (pushed over the bus, or read at load), so a reload or a second tab shows the truth.
import { api } from './api.js';
import { el, clear } from './dom.js';
import { t, pauseReasonText } from './i18n.js';
import { learnServerTime, elapsed } from './server-clock.js';

const BREAKS = ['meal', 'prayer', 'toilet', 'briefing', 'admin'];

export class AgentStateBar {
  constructor(host) {
    this.host = host;
    this.state = null;
    this.label = el('span', { id: 'agent-state-label', class: 'agent-state-label' });
    this.timer = el('span', { id: 'agent-state-timer', class: 'agent-state-timer' });
    this.choice = el('select', { id: 'agent-state-choice', 'aria-label': t('agentState.choose'),
      onchange: () => this.choose(this.choice.value) });
    this.message = el('span', { id: 'agent-state-message', class: 'agent-state-message', role: 'status' });
    this.choice.append(el('option', { value: '', text: t('agentState.choose') }),
      el('option', { value: 'ready', text: t('agentState.ready') }),
      el('option', { value: 'not_ready', text: t('agentState.not_ready') }),
      ...BREAKS.map((r) => el('option', { value: `break:${r}`, text: `${t('agentState.break')}: ${pauseReasonText(r)}` })));
    this.root = el('span', { id: 'agent-state', class: 'agent-state' }, this.label, this.timer, this.choice, this.message);
    host.before(this.root);
    this.ticker = setInterval(() => this.tick(), 1000);
  }

  async load() {
    const sentAt = Date.now();
    try {
      const state = await api('GET', '/api/agent/state');
      learnServerTime(state.serverTime, sentAt, Date.now());
      this.show(state);
    } catch (err) {
      this.message.textContent = err.message;
    }
  }

  /** A state pushed by the server once the queue reported it. */
  show(state) {
    this.state = state;
    clear(this.message);
    this.root.dataset.state = state.state;
    const reason = state.state === 'break' && state.reason ? `: ${pauseReasonText(state.reason)}` : '';
    this.label.textContent = t(`agentState.${state.state}`) + reason;
    this.choice.value = '';
    this.tick();
  }

  tick() {
    this.timer.textContent = this.state && this.state.since ? elapsed(this.state.since) : '';
  }

  async choose(value) {
    if (!value) return;
    const [state, reason] = value.split(':');
    clear(this.message);
    try {
      await api('PUT', '/api/agent/state', { state, reason: reason || null });
      this.message.textContent = t('agentState.sent');
    } catch (err) {
      this.message.textContent = t('agentState.failed') + err.message;
      this.choice.value = '';
    }
  }
}
