// The agent desktop: live pops over the event bus and the tickets in the agent's hands. Nothing typed is lost:
// every draft input is saved on the server as it is typed (work-item.js), the desk asks the server for the
// agent's open work when it loads (so a reload comes back to the live call as typed), and a new ring never
// replaces unfinished work: it waits in the work bar until the agent switches to it.
import { api } from './api.js';
import { Bus } from './bus.js';
import { el, clear, formatTime } from './dom.js';
import { t } from './i18n.js';
import { ScreenCapture } from './screen-capture.js';
import { mountMyEvaluations } from './qa-disputes.js';
import { WorkItem } from './work-item.js';
import { renderPop, renderForm } from './ticket-view.js';
import { installDeskKeys } from './desk-keys.js';
import { AgentStateBar } from './agent-state.js';
import { CallTimers } from './call-timers.js';

let audio;

export class AgentDesktop {
  static unlockAudio() {
    try {
      audio = audio || new AudioContext();
      audio.resume();
    } catch (e) { /* no audio device: the pop is still visible */ }
  }

  constructor(root, me) {
    this.root = root;
    this.me = me;
    this.ticket = null;
    this.work = new Map();
    this.currentId = null;
    // A pop can arrive twice (sent live and re-sent when the socket re-registers): show it once.
    this.seenPops = new Set();
  }

  async start() {
    this.applications = await api('GET', '/api/applications');
    this.status = el('p', { id: 'call-status', class: 'call-status', text: t('waitingForCalls') });
    this.timers = new CallTimers();
    this.stateBar = new AgentStateBar(document.getElementById('bus-state'));
    this.workBar = el('nav', { id: 'open-work', class: 'open-work', hidden: true });
    this.popArea = el('section', { id: 'pop', class: 'card pop', hidden: true });
    this.formArea = el('section', { id: 'ticket-form-area', class: 'card', hidden: true });
    this.sidePanel = el('aside', { id: 'side-panel', class: 'side' });
    this.mine = el('section', { id: 'my-tickets', class: 'card' });
    const demo = el('div', { id: 'demo-area' });
    this.root.append(el('div', { class: 'desk' },
      el('div', { class: 'desk-main' }, demo,
        el('div', { class: 'call-line' }, this.status, this.timers.root), this.workBar, this.popArea, this.formArea, this.mine),
      this.sidePanel));
    this.followTyping();
    installDeskKeys(this.root.querySelector('.desk-main'));
    this.showDemoControl(demo);
    this.loadMine();
    // The desk is recorded during calls (DOM session recording); the agent's QA evaluations below.
    ScreenCapture.install(this.root);
    const evaluations = el('div', { id: 'my-evaluations-area' });
    this.mine.after(evaluations);
    mountMyEvaluations(evaluations, this.me);
    await Promise.all([this.restore().catch(() => {}), this.stateBar.load()]);
    const state = document.getElementById('bus-state');
    state.hidden = false;
    this.bus = new Bus(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/eventbus/websocket`, (up) => {
      state.textContent = up ? t('connected') : t('disconnected');
      state.className = `bus-state ${up ? 'up' : 'down'}`;
    }, this.me.username);
    this.bus.register(`browser.agent.${this.me.username}.pops`, (msg) => this.onMessage(msg));
  }

  /** Drafts follow every input marked data-draft; panels ask for a save before they act on the ticket. */
  followTyping() {
    const follow = (e) => {
      const key = e.target && e.target.dataset && e.target.dataset.draft;
      const item = this.current();
      if (key && item) item.set(key, e.target.value);
    };
    this.root.addEventListener('input', follow);
    this.root.addEventListener('change', follow);
    document.addEventListener('klip:before-action', (e) => {
      const item = this.work.get(e.detail.ticketId);
      if (item) e.detail.waitFor.push(item.flush());
    });
    // Panels re-render their inputs; what was typed into them comes back from the draft.
    document.addEventListener('klip:rendered', () => this.refill());
  }

  /** After a reload: the live call and the unfinished tickets, with their drafts, exactly as typed. */
  async restore() {
    const state = await api('GET', '/api/desk/state');
    const items = await Promise.all(state.open.map(({ ticket, draft }) => this.load(ticket, draft)));
    items.reverse().forEach((item) => this.work.set(item.id, item));
    const first = state.live ? state.live.id : (state.open[0] && state.open[0].ticket.id);
    if (first != null) this.switchTo(first);
  }

  async load(ticket, draft) {
    const [detail, history, saved] = await Promise.all([
      api('GET', `/api/tickets/${ticket.id}`),
      ticket.callerNumber ? api('GET', `/api/tickets?phone=${encodeURIComponent(ticket.callerNumber)}&limit=6`)
        .catch(() => []) : [],
      draft ? draft : api('GET', `/api/tickets/${ticket.id}/draft`)]);
    const item = new WorkItem({ ...ticket, ...stripDetail(detail) }, detail.taxpayers, history, saved);
    // On hold or not, as the ticket's timeline last recorded it (the desk's hold and resume are written there).
    const holds = (detail.timeline || []).filter((e) => e.kind === 'call_hold' || e.kind === 'call_unhold');
    item.ticket.held = holds.length > 0 && holds[holds.length - 1].kind === 'call_hold';
    return item;
  }

  async openTicket(id) {
    if (!this.work.has(id)) {
      const item = await this.load({ id });
      this.work.set(id, item);
    }
    this.switchTo(id);
  }

  current() {
    return this.currentId == null ? null : this.work.get(this.currentId);
  }

  switchTo(id) {
    const previous = this.current();
    if (previous && previous.id !== id) previous.saveDraft().catch(() => {});
    const item = this.work.get(id);
    this.currentId = id;
    this.ticket = item.ticket;
    renderPop(this.popArea, item, (body) => this.attachTaxpayer(item, body));
    const fields = renderForm(this.formArea, item, this.applications, {
      onSave: (message) => this.save(item, message),
      onIdentity: (body) => this.attachTaxpayer(item, body),
    });
    this.setCallStatus(item.ticket.callStatus);
    this.timers.follow(item.ticket);
    this.renderWorkBar();
    document.dispatchEvent(new CustomEvent('klip:ticket', { detail: { ticket: item.ticket, ...fields } }));
    fields.question.focus();
  }

  async save(item, message) {
    try {
      await item.flush();
      message.textContent = t('saved');
      this.loadMine();
    } catch (err) {
      message.textContent = t('saveFailed') + err.message;
    }
  }

  /** Says when the end-of-call save has landed, so the agent knows the record is safe before finishing it. */
  async saveAtCallEnd(item) {
    try {
      await item.flush();
      const message = document.getElementById('form-message');
      if (message && item.id === this.currentId) message.textContent = t('savedAtCallEnd');
    } catch (err) {
      const message = document.getElementById('form-message');
      if (message && item.id === this.currentId) message.textContent = t('saveFailed') + err.message;
    }
  }

  async attachTaxpayer(item, body) {
    const message = document.getElementById('form-message');
    try {
      await item.attach(body);
      if (message) message.textContent = t('saved');
    } catch (err) {
      if (message) message.textContent = t('saveFailed') + err.message;
    }
  }

  refill() {
    const item = this.current();
    if (!item) return;
    this.root.querySelectorAll('[data-draft]').forEach((input) => {
      const typed = item.draft.fields[input.dataset.draft];
      if (typed != null && !input.value) input.value = typed;
    });
  }

  /** The other tickets in hand: a call waiting to be taken, or work left to finish. */
  renderWorkBar() {
    const others = [...this.work.values()].filter((w) => w.id !== this.currentId && w.unfinished());
    clear(this.workBar);
    others.forEach((w) => {
      const live = ['ringing', 'connected'].includes(w.ticket.callStatus);
      this.workBar.append(el('button', { id: `work-${w.id}`, type: 'button', class: live ? 'work live' : 'work',
        text: `${live ? t('desk.newCall') : t('desk.openTicket')} #${w.id} · ${w.ticket.callerNumber || t('unknownCaller')}`,
        onclick: () => this.switchTo(w.id) }));
    });
    this.workBar.hidden = others.length === 0;
  }

  async showDemoControl(area) {
    try {
      await api('GET', '/api/demo');
    } catch (e) {
      return; // not a demo server
    }
    const result = el('span', { id: 'demo-result', class: 'hint' });
    area.append(el('div', { class: 'card demo' },
      el('button', {
        id: 'ring-demo', type: 'button', text: t('ringDemo'),
        onclick: async () => {
          AgentDesktop.unlockAudio();
          try {
            const r = await api('POST', '/api/demo/ring', {});
            result.textContent = `${r.callerName} ${r.callerNumber} → ${r.agent || ''}`;
          } catch (err) {
            result.textContent = t('ringDemoFailed') + err.message;
          }
        },
      }),
      el('span', { class: 'hint', text: t('ringDemoHint') }), result));
  }

  onMessage(msg) {
    const item = msg.ticketId != null ? this.work.get(msg.ticketId) : null;
    if (msg.type === 'pop') this.showPop(msg);
    else if (msg.type === 'agentState') this.stateBar.show(msg);
    else if (msg.type === 'call' && item) this.callChanged(item, msg);
    else if (msg.type === 'withdrawn' && item) this.withdraw(item);
    else if (msg.type === 'transferred' && item) this.transferredAway(item, msg.to);
    document.dispatchEvent(new CustomEvent('klip:message', { detail: msg }));
  }

  callChanged(item, { callStatus, answeredAt, endedAt }) {
    item.ticket.callStatus = callStatus;
    // The server's stamps when the push carries them; the browser's now only for an older server.
    if (callStatus === 'connected' && !item.ticket.answeredAt) item.ticket.answeredAt = answeredAt || new Date().toISOString();
    if (endedAt && !item.ticket.endedAt) item.ticket.endedAt = endedAt;
    if (item.id === this.currentId) this.timers.follow(item.ticket);
    if (item.id === this.currentId) this.setCallStatus(callStatus);
    // At the end of the call what was typed becomes the ticket's own record, Simpan pressed or not.
    if (callStatus === 'ended' || callStatus === 'unanswered') this.saveAtCallEnd(item);
    this.renderWorkBar();
  }

  withdraw(item) {
    // Typing already made is kept on the server; a pending save is left to run, then the item is let go.
    item.saveDraft().catch(() => {});
    this.work.delete(item.id);
    if (item.id !== this.currentId) { this.renderWorkBar(); return; }
    this.currentId = null;
    this.ticket = null;
    this.popArea.hidden = true;
    this.formArea.hidden = true;
    this.timers.follow({});
    this.status.textContent = t('callWithdrawn');
    const next = [...this.work.values()].find((w) => w.unfinished());
    if (next) this.switchTo(next.id);
    else this.renderWorkBar();
  }

  /** The call went on to the queue or a team leader: its ticket goes with it, what was typed stays saved. */
  transferredAway(item, to) {
    const shown = item.id === this.currentId;
    this.withdraw(item);
    if (!shown || this.currentId != null) return;
    const whom = to === 'queue' ? t('callControl.theQueue') : `${t('roles.team_leader')} (${to})`;
    this.status.textContent = `${t('callControl.transferredTo')} ${whom}`;
    this.status.dataset.status = 'transferred';
  }

  showPop(pop) {
    api('POST', `/api/pops/${pop.popId}/ack`).catch(() => {});
    if (this.seenPops.has(pop.popId)) return;
    this.seenPops.add(pop.popId);
    this.ring();
    this.notify(pop);
    let item = this.work.get(pop.ticket.id);
    if (item) {
      item.ticket.callStatus = pop.ticket.callStatus;
    } else {
      item = new WorkItem(pop.ticket, pop.taxpayers, pop.history);
      this.work.set(item.id, item);
      this.loadMine();
    }
    const busy = this.current();
    if (busy && busy.id !== item.id && busy.unfinished()) this.renderWorkBar();
    else this.switchTo(item.id);
  }

  setCallStatus(status) {
    this.status.textContent = `${t('caller')}: ${this.ticket?.callerNumber || ''} — ${t('status.' + status)}`;
    this.status.dataset.status = status;
  }

  ring() {
    if (!audio) return;
    const now = audio.currentTime;
    [0, 0.4].forEach((offset) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.15;
      osc.connect(gain).connect(audio.destination);
      osc.start(now + offset);
      osc.stop(now + offset + 0.25);
    });
  }

  notify(pop) {
    // A pop must reach an agent whose tab is in the background: a desktop notification does.
    if (!('Notification' in window) || Notification.permission !== 'granted' || !document.hidden) return;
    const n = new Notification(t('popNotificationTitle'), {
      body: `${pop.ticket.callerNumber || t('unknownCaller')} ${pop.ticket.callerName || ''}`,
      tag: `pop-${pop.ticket.id}`, requireInteraction: true,
    });
    n.onclick = () => { window.focus(); n.close(); };
  }

  async loadMine() {
    const list = await api('GET', '/api/tickets?limit=10').catch(() => []);
    clear(this.mine).append(el('h2', { text: t('myTickets') }),
      el('ul', { class: 'history' }, list.map((h) => el('li', {},
        el('button', { id: `open-ticket-${h.id}`, type: 'button', class: 'link', text: `#${h.id}`,
          onclick: () => this.openTicket(h.id) }),
        ` · ${formatTime(h.createdAt)} · ${h.callerNumber} · ${h.application || '-'} · ${h.question || ''}`))));
  }
}

/** The ticket fields of GET /api/tickets/:id, without its lists. */
function stripDetail(detail) {
  const { rings, timeline, taxpayers, ...ticket } = detail;
  return ticket;
}
