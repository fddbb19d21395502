// The agent desktop: live pops over the event bus, the ticket form, the caller's history.
import { api } from './api.js';
import { Bus } from './bus.js';
import { el, clear, formatTime } from './dom.js';
import { t } from './i18n.js';
import { ScreenCapture } from './screen-capture.js';
import { mountMyEvaluations } from './qa.js';

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
    // A pop can arrive twice (sent live and re-sent when the socket re-registers): show it once.
    this.seenPops = new Set();
  }

  async start() {
    this.applications = await api('GET', '/api/applications');
    this.status = el('p', { id: 'call-status', class: 'call-status', text: t('waitingForCalls') });
    this.popArea = el('section', { id: 'pop', class: 'card pop', hidden: true });
    this.formArea = el('section', { id: 'ticket-form-area', class: 'card', hidden: true });
    this.sidePanel = el('aside', { id: 'side-panel', class: 'side' });
    this.mine = el('section', { id: 'my-tickets', class: 'card' });
    const demo = el('div', { id: 'demo-area' });
    this.root.append(el('div', { class: 'desk' },
      el('div', { class: 'desk-main' }, demo, this.status, this.popArea, this.formArea, this.mine),
      this.sidePanel));
    this.showDemoControl(demo);
    this.loadMine();
    // The desk is recorded during calls (DOM session recording); the agent's QA evaluations below.
    ScreenCapture.install(this.root);
    const evaluations = el('div', { id: 'my-evaluations-area' });
    this.mine.after(evaluations);
    mountMyEvaluations(evaluations, this.me);
    const state = document.getElementById('bus-state');
    state.hidden = false;
    this.bus = new Bus(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/eventbus/websocket`, (up) => {
      state.textContent = up ? t('connected') : t('disconnected');
      state.className = `bus-state ${up ? 'up' : 'down'}`;
    });
    this.bus.register(`browser.agent.${this.me.username}.pops`, (msg) => this.onMessage(msg));
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
    if (msg.type === 'pop') this.showPop(msg);
    else if (msg.type === 'call' && this.ticket && msg.ticketId === this.ticket.id) this.setCallStatus(msg.callStatus);
    else if (msg.type === 'withdrawn' && this.ticket && msg.ticketId === this.ticket.id) {
      this.status.textContent = t('callWithdrawn');
      this.popArea.hidden = true;
      this.formArea.hidden = true;
      this.ticket = null;
    }
    document.dispatchEvent(new CustomEvent('klip:message', { detail: msg }));
  }

  showPop(pop) {
    api('POST', `/api/pops/${pop.popId}/ack`).catch(() => {});
    if (this.seenPops.has(pop.popId)) return;
    this.seenPops.add(pop.popId);
    this.ticket = pop.ticket;
    this.ring();
    this.notify(pop);
    const tk = pop.ticket;
    const taxpayers = el('div', { id: 'taxpayers' });
    if (pop.taxpayers.length === 0) taxpayers.append(el('p', { class: 'hint', text: t('noTaxpayer') }));
    pop.taxpayers.forEach((tp) => {
      const radio = el('input', { type: 'radio', name: 'taxpayer', value: tp.id, id: `tp-${tp.id}`,
        checked: pop.taxpayers.length === 1 || tk.taxpayerId === tp.id,
        onchange: () => this.attachTaxpayer({ taxpayerId: tp.id }) });
      taxpayers.append(el('label', { class: 'taxpayer', for: `tp-${tp.id}` }, radio,
        el('strong', { text: tp.name }), ` NPWP ${tp.npwp || '-'} · NIK ${tp.nik || '-'}`));
    });
    const history = el('ul', { id: 'history', class: 'history' });
    if (pop.history.length === 0) history.append(el('li', { class: 'hint', text: t('noHistory') }));
    pop.history.forEach((h) => history.append(el('li', {},
      `${formatTime(h.createdAt)} · ${h.application || '-'} · ${h.question || ''} (${t('status.' + h.status)})`)));
    clear(this.popArea).append(
      el('h2', { text: t('incomingCall') }),
      el('p', { class: 'caller' }, el('span', { id: 'pop-caller-number', text: tk.callerNumber || t('unknownCaller') }),
        ' ', el('span', { id: 'pop-caller-name', text: tk.callerName || '' })),
      el('p', { class: 'meta' }, `${t('ticket')} #`, el('span', { id: 'pop-ticket-id', text: tk.id }),
        ` · ${t('queue')} ${tk.queue || '-'}`),
      el('h3', { text: t('chooseTaxpayer') }), taxpayers,
      el('h3', { text: t('history') }), history);
    this.popArea.hidden = false;
    this.setCallStatus(tk.callStatus);
    this.showForm(tk);
  }

  showForm(tk) {
    const select = el('select', { id: 'application', name: 'application' },
      el('option', { value: '', text: t('chooseApplication') }),
      this.applications.map((a) => el('option', { value: a.code, text: a.label, selected: tk.application === a.code })));
    const question = el('textarea', { id: 'question', name: 'question', rows: 4, maxlength: 4000 });
    question.value = tk.question || '';
    const notes = el('textarea', { id: 'notes', name: 'notes', rows: 2, maxlength: 8000 });
    notes.value = tk.notes || '';
    const identity = el('input', { id: 'npwp-nik', name: 'identity', inputmode: 'numeric', placeholder: t('npwpOrNik') });
    const message = el('p', { id: 'form-message', class: 'hint', role: 'status' });
    const form = el('form', { id: 'ticket-form' },
      el('label', { for: 'application', text: t('application') }), select,
      el('label', { for: 'question', text: t('question') }), question,
      el('label', { for: 'notes', text: t('notes') }), notes,
      el('button', { type: 'submit', id: 'save-ticket', text: t('save') }), message);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const r = await api('PUT', `/api/tickets/${this.ticket.id}`, {
          version: this.ticket.version, application: select.value || null, question: question.value, notes: notes.value,
        });
        this.ticket.version = r.version;
        message.textContent = t('saved');
        this.loadMine();
      } catch (err) {
        message.textContent = t('saveFailed') + err.message;
      }
    });
    const idForm = el('form', { id: 'identity-form', class: 'inline' }, identity,
      el('button', { type: 'submit', text: t('attach') }));
    idForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const digits = identity.value.replace(/[^0-9]/g, '');
      this.attachTaxpayer(digits.length === 16 ? { nik: identity.value } : { npwp: identity.value });
    });
    clear(this.formArea).append(el('h2', { text: t('ticket') }), idForm, form);
    this.formArea.hidden = false;
    this.questionField = question;
    this.applicationField = select;
    document.dispatchEvent(new CustomEvent('klip:ticket', { detail: { ticket: tk, question, application: select } }));
  }

  async attachTaxpayer(body) {
    const message = document.getElementById('form-message');
    try {
      const r = await api('POST', `/api/tickets/${this.ticket.id}/taxpayer`, body);
      this.ticket.version = r.version;
      message.textContent = t('saved');
    } catch (err) {
      message.textContent = t('saveFailed') + err.message;
    }
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
        `#${h.id} · ${formatTime(h.createdAt)} · ${h.callerNumber} · ${h.application || '-'} · ${h.question || ''}`))));
  }
}
