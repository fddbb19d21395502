// The team leader's live board: calls waiting, ringing and in conversation, the team's agents, the day's
// counters. The server pushes the whole board over the event bus on every change; on (re)connect the page
// reads it once over HTTP, so nothing depends on pushes it missed. The clock only ticks durations locally.
import { api } from './api.js';
import { Bus } from './bus.js';
import { el, clear } from './dom.js';
import { t, pauseReasonText } from './i18n.js';
import { openTicketRead } from './ticket-read.js';

const MODES = ['listen', 'whisper', 'barge'];

export class TeamBoard {
  /** {@code openDesk}: shows the leader's own agent desk (the other tab), where a call put through to them pops. */
  constructor(root, me, openDesk) {
    this.root = root;
    this.me = me;
    this.openDesk = openDesk;
    this.board = null;
    this.offset = 0; // server clock minus browser clock
  }

  start() {
    this.message = el('p', { id: 'board-message', class: 'hint', role: 'status' });
    this.countersArea = el('section', { id: 'board-counters', class: 'card counters' });
    this.waitingArea = el('section', { id: 'board-waiting', class: 'card' });
    this.callsArea = el('section', { id: 'board-calls', class: 'card' });
    this.agentsArea = el('section', { id: 'board-agents', class: 'card' });
    this.root.append(el('div', { id: 'board', class: 'board' }, this.message, this.countersArea, this.callsArea,
      this.waitingArea, this.agentsArea));
    const state = document.getElementById('bus-state');
    state.hidden = false;
    this.bus = new Bus(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/eventbus/websocket`, (up) => {
      state.textContent = up ? t('connected') : t('disconnected');
      state.className = `bus-state ${up ? 'up' : 'down'}`;
      if (up) this.reload();
    }, this.me.username);
    this.bus.register(`browser.team.${this.me.team}.board`, (msg) => {
      if (msg.type === 'board') this.render(msg.board);
      if (msg.type === 'joinFailed') {
        this.message.textContent = t('board.joinFailedOther').replace('{teamLeader}', msg.teamLeader)
          .replace('{callId}', msg.callId) + t(`originate.${msg.code}`);
      }
    });
    // A call an agent put through to this leader pops on the leader's desk; while the board is open, a notice
    // leads there (the desk, once open, is sent the pop again: it is acknowledged only there).
    this.bus.register(`browser.agent.${this.me.username}.pops`, (msg) => {
      if (msg.type === 'pop') this.callForYou(msg.ticket || {});
    });
    this.ticker = setInterval(() => this.tick(), 1000);
  }

  callForYou(ticket) {
    document.getElementById('board-call-for-you')?.remove();
    const caller = [ticket.callerName, ticket.callerNumber].filter(Boolean).join(' ');
    this.root.querySelector('#board').prepend(el('section', { id: 'board-call-for-you', class: 'card notice',
      role: 'alert' }, el('p', { text: t('board.callForYou').replace('{caller}', caller) }),
      el('button', { type: 'button', id: 'board-open-desk', text: t('board.openDesk'), onclick: () => this.openDesk() })));
  }

  stop() {
    clearInterval(this.ticker);
    this.bus.close();
  }

  async reload() {
    try {
      this.render(await api('GET', '/api/board'));
    } catch (err) {
      this.message.textContent = err.message;
    }
  }

  now() {
    return Date.now() + this.offset;
  }

  render(board) {
    this.board = board;
    this.offset = board.serverTime - Date.now();
    this.message.classList.toggle('error', board.pbxConnected === false);
    if (board.pbxConnected === false) this.message.textContent = t('board.pbxDown');
    else if (this.message.textContent === t('board.pbxDown')) this.message.textContent = '';
    this.renderCounters(board.counters || {});
    this.renderCalls(board.calls);
    this.renderWaiting(board.waiting);
    this.renderAgents(board.agents);
  }

  renderCounters(c) {
    const sl = c.serviceLevelPercent == null ? '–' : `${c.serviceLevelPercent}%`;
    const item = (id, label, value) => el('div', { class: 'counter', id },
      el('span', { class: 'counter-value', text: String(value ?? 0) }), el('span', { class: 'meta', text: label }));
    clear(this.countersArea).append(el('h2', { text: t('board.counters') }), el('div', { class: 'counter-row' },
      item('count-offered', t('board.offered'), c.offered),
      item('count-answered', t('board.answered'), c.answered),
      item('count-abandoned', t('board.abandoned'), c.abandoned),
      item('count-longest-wait', t('board.longestWait'), duration((c.longestWaitSeconds || 0) * 1000)),
      item('count-service-level', t('board.serviceLevel').replace('{s}', c.serviceLevelSeconds ?? ''), sl)));
  }

  renderWaiting(waiting) {
    clear(this.waitingArea).append(el('h2', { text: t('board.waiting') }));
    if (!waiting.length) {
      this.waitingArea.append(el('p', { class: 'meta', text: t('board.noneWaiting') }));
      return;
    }
    this.waitingArea.append(table([t('board.caller'), t('queue'), t('board.waited')], waiting.map((w) => el('tr',
      { 'data-call': w.callId, class: 'waiting-call' },
      el('td', { text: caller(w) }), el('td', { text: w.queue || '' }),
      el('td', { class: 'tick', 'data-since': w.queuedAt || w.firstSeenAt })))));
    this.tick();
  }

  renderCalls(calls) {
    clear(this.callsArea).append(el('h2', { text: t('board.calls') }));
    if (!calls.length) {
      this.callsArea.append(el('p', { class: 'meta', id: 'no-calls', text: t('board.noCalls') }));
      return;
    }
    const rows = calls.map((c) => el('tr', { 'data-call': c.callId, 'data-state': c.state, class: 'live-call' },
      el('td', { class: 'call-state', text: t(`board.callState.${c.state}`) }),
      el('td', { text: c.agent ? c.agent.displayName : (c.agentInterface || '') }),
      el('td', { text: caller(c) }),
      el('td', { text: [c.taxpayer, c.taxpayerNumber].filter(Boolean).join(' · ') }),
      el('td', { text: c.application || '' }),
      el('td', {}, c.ticketId ? el('button', { type: 'button', class: 'link open-ticket', text: `#${c.ticketId}`,
        onclick: () => openTicketRead(c.ticketId) }) : ''),
      el('td', { class: 'tick', 'data-since': c.state === 'talking' ? c.answeredAt : c.ringingSince }),
      el('td', {}, this.spies(c), this.hand(c)),
      el('td', { class: 'join' }, this.controls(c))));
    this.callsArea.append(table([t('board.state'), t('board.agent'), t('board.caller'), t('board.taxpayer'),
      t('board.application'), t('board.ticket'), t('board.duration'), t('board.spies'), t('board.join')], rows));
    this.tick();
  }

  spies(c) {
    return (c.spies || []).map((s) => el('div', { class: 'spy', 'data-by': s.by || '', 'data-mode': s.mode || '' },
      `${s.by || t('board.unknownSpy')}${s.mode ? ` — ${t(`board.monitoring.${s.mode}`)}` : ''}`));
  }

  /**
   * One session per leader per call: the mode buttons start it, and while it runs they switch its mode (the
   * current one pressed) next to the state in words and a stop button.
   */
  controls(c) {
    const mine = (c.spies || []).find((s) => s.by === this.me.username);
    const buttons = MODES.map((mode) => el('button', {
      type: 'button', class: `join-${mode}`, 'data-mode': mode, disabled: !c.joinable,
      'aria-pressed': mine ? String(mine.mode === mode) : null, text: t(`board.${mode}`),
      onclick: () => this.join(c, mode),
    }));
    if (!mine) return buttons;
    return [el('div', { class: 'monitoring', id: `monitoring-${c.callId}` },
      `${t('board.youAre')} ${t(`board.monitoring.${mine.mode}`)}`), ...buttons,
    el('button', { type: 'button', class: 'stop-monitoring danger', text: t('board.stop'),
      onclick: () => this.leave(c) })];
  }

  hand(c) {
    if (!c.hand) return null;
    return el('div', { class: 'hand', id: `hand-${c.hand.id}` },
      el('strong', { text: t('board.hand') }), c.hand.note ? ` ${c.hand.note}` : '',
      el('button', { type: 'button', class: 'lower-hand', text: t('board.lowerHand'), onclick: async () => {
        try {
          await api('POST', `/api/hands/${c.hand.id}/lower`, {});
        } catch (err) {
          this.message.textContent = err.message;
        }
      } }));
  }

  renderAgents(agents) {
    clear(this.agentsArea).append(el('h2', { text: t('board.agents') }), table(
      [t('board.agent'), t('board.state'), t('board.since')],
      agents.map((a) => el('tr', { 'data-agent': a.username, 'data-state': a.state, class: `agent agent-${a.state}` },
        el('td', { text: a.displayName }),
        el('td', { class: 'agent-state', text: t(`board.agentState.${a.state}`) + (a.pausedReason ? ` — ${pauseReasonText(a.pausedReason)}` : '') }),
        el('td', { class: a.since ? 'tick' : '', 'data-since': a.since || '' })))));
    this.tick();
  }

  async join(call, mode) {
    // The answer comes once the phone was picked up (or failed), so say first that it is ringing.
    if (!(call.spies || []).some((s) => s.by === this.me.username)) this.message.textContent = t('board.joinRinging');
    try {
      const r = await api('POST', `/api/board/calls/${encodeURIComponent(call.callId)}/join`, { mode });
      this.message.textContent = r.switched ? t('board.switched') + t(`board.monitoring.${r.mode}`)
        : t('board.joinSent').replace('{phone}', r.phoneInterface);
    } catch (err) {
      this.message.textContent = t('board.joinFailed') + (err.code ? t(err.code) : err.message);
    }
  }

  async leave(call) {
    try {
      await api('POST', `/api/board/calls/${encodeURIComponent(call.callId)}/leave`, {});
      this.message.textContent = t('board.stopped');
    } catch (err) {
      this.message.textContent = t('board.stopFailed') + err.message;
    }
  }

  tick() {
    const now = this.now();
    this.root.querySelectorAll('.tick').forEach((cell) => {
      const since = Number(cell.getAttribute('data-since'));
      cell.textContent = since ? duration(now - since) : '';
    });
  }
}

function caller(c) {
  return [c.callerName, c.callerNumber].filter(Boolean).join(' · ') || t('unknownCaller');
}

function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const mm = String(Math.floor(s / 60)).padStart(2, '0');
  return `${mm}:${String(s % 60).padStart(2, '0')}`;
}

function table(headers, rows) {
  return el('table', { class: 'grid' }, el('thead', {}, el('tr', {}, headers.map((h) => el('th', { text: h })))),
    el('tbody', {}, rows));
}
