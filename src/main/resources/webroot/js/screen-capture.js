// Screen capture of the agent desktop as a DOM session recording: while a call's ticket is open, snapshots of
// the desk (a JSON tree of elements, text and form values) and the agent's inputs are recorded with their time
// and uploaded in numbered chunks every few seconds. A closed tab loses at most one interval; a reloaded tab
// resumes the same capture from the server's nextSeq. Why DOM and not video: it replays the desk exactly, in
// kilobytes instead of megabytes, needs no screen-sharing permission each shift, and shows only the KLIP desk,
// never the rest of the agent's screen. Passwords are never recorded.
import { api } from './api.js';

const FLUSH_MS = 3000;
const SNAPSHOT_DEBOUNCE_MS = 250;
const MAX_NODES = 4000;
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED']);

/** The desk as plain JSON: what replay rebuilds, element for element. */
export function serialize(root) {
  let budget = MAX_NODES;
  const walk = (node, depth) => {
    if (budget-- <= 0 || depth > 40) return null;
    if (node.nodeType === Node.TEXT_NODE) return node.textContent.trim() ? { text: node.textContent } : null;
    if (node.nodeType !== Node.ELEMENT_NODE || SKIP.has(node.tagName) || node.hidden) return null;
    const out = { tag: node.tagName.toLowerCase() };
    if (node.id) out.id = node.id;
    if (node.className && typeof node.className === 'string') out.cls = node.className;
    if (node.tagName === 'INPUT' || node.tagName === 'TEXTAREA' || node.tagName === 'SELECT') {
      out.value = node.type === 'password' ? '••••' : node.value;
      if (node.type === 'radio' || node.type === 'checkbox') { out.type = node.type; out.checked = node.checked; }
    }
    const children = [];
    node.childNodes.forEach((c) => { const s = walk(c, depth + 1); if (s) children.push(s); });
    if (children.length) out.children = children;
    return out;
  };
  return walk(root, 0);
}

export class ScreenCapture {
  constructor(root) {
    this.root = root;
    this.capture = null;
    this.pending = [];
    this.sending = false;
  }

  /** Starts recording whenever the desk shows a ticket; stops when the call is over. */
  static install(root) {
    const sc = new ScreenCapture(root);
    document.addEventListener('klip:ticket', (e) => sc.start(e.detail.ticket));
    document.addEventListener('klip:message', (e) => {
      const m = e.detail;
      if (m.type === 'call' && sc.capture && m.ticketId === sc.capture.ticketId
        && (m.callStatus === 'ended' || m.callStatus === 'unanswered')) sc.stop();
      if (m.type === 'withdrawn' || m.type === 'transferred') sc.stop();
    });
    document.addEventListener('submit', (e) => {
      if (e.target && e.target.id === 'ticket-form') setTimeout(() => sc.snapshotSaved(), 500);
    }, true);
    window.addEventListener('pagehide', () => sc.flush(true));
    return sc;
  }

  async start(ticket) {
    if (this.capture && this.capture.ticketId === ticket.id) return;
    await this.stop();
    try {
      this.capture = await api('POST', '/api/captures', { ticketId: ticket.id });
    } catch (e) {
      this.capture = null;
      return; // recording is best effort: the call goes on without it
    }
    this.record({ type: 'meta', ticketId: ticket.id, width: window.innerWidth, height: window.innerHeight });
    this.snapshot();
    this.observer = new MutationObserver(() => this.scheduleSnapshot());
    this.observer.observe(this.root, { subtree: true, childList: true, characterData: true, attributes: true });
    this.onInput = (e) => {
      const f = e.target;
      if (!f || !f.id || f.type === 'password') return;
      this.record({ type: 'input', field: f.id, value: f.type === 'checkbox' || f.type === 'radio' ? f.checked : f.value });
    };
    this.onFocus = (e) => { if (e.target && e.target.id) this.record({ type: 'focus', field: e.target.id }); };
    this.onScroll = () => this.record({ type: 'scroll', y: Math.round(window.scrollY) });
    this.onVisibility = () => this.record({ type: 'visibility', hidden: document.hidden });
    this.root.addEventListener('input', this.onInput, true);
    this.root.addEventListener('change', this.onInput, true);
    this.root.addEventListener('focusin', this.onFocus, true);
    window.addEventListener('scroll', this.onScroll, { passive: true });
    document.addEventListener('visibilitychange', this.onVisibility);
    this.timer = setInterval(() => this.flush(false), FLUSH_MS);
  }

  record(event) {
    if (this.capture) this.pending.push({ t: Date.now(), ...event });
  }

  snapshot() {
    this.record({ type: 'snapshot', tree: serialize(this.root) });
  }

  scheduleSnapshot() {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.snapshot(), SNAPSHOT_DEBOUNCE_MS);
  }

  /** Uploads what is pending as the next chunk; on a gap or a repeat, asks the server where to resume. */
  async flush(leaving) {
    if (!this.capture || this.sending || this.pending.length === 0) return;
    this.sending = true;
    const events = this.pending.slice();
    const path = `/api/captures/${this.capture.id}/chunks/${this.capture.nextSeq}`;
    try {
      // keepalive lets the last chunk leave with a closing tab, headers included (unlike sendBeacon).
      const r = await fetch(path, {
        method: 'PUT', credentials: 'same-origin', keepalive: leaving && JSON.stringify({ events }).length < 60000,
        headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'klip' },
        body: JSON.stringify({ events }),
      });
      if (r.ok) {
        this.capture.nextSeq = (await r.json()).nextSeq;
        this.pending.splice(0, events.length);
      } else if (r.status === 409) {
        this.capture.nextSeq = (await api('GET', `/api/captures/${this.capture.id}`)).nextSeq;
      } else if (r.status === 413 || r.status === 400 || r.status === 415) {
        this.pending.splice(0, events.length); // refused for its content: retrying would not help
      }
    } catch (e) {
      // offline for a moment: the events stay pending and go with the next chunk
    } finally {
      this.sending = false;
    }
  }

  async snapshotSaved() {
    if (!this.capture) return;
    const value = (id) => { const f = document.getElementById(id); return f ? f.value : null; };
    await api('POST', `/api/captures/${this.capture.id}/snapshot`, {
      t: Date.now(),
      ticket: { application: value('application'), question: value('question'), notes: value('notes') },
      tree: serialize(this.root),
    }).catch(() => {});
  }

  async stop() {
    if (!this.capture) return;
    clearInterval(this.timer);
    clearTimeout(this.debounce);
    if (this.observer) this.observer.disconnect();
    this.root.removeEventListener('input', this.onInput, true);
    this.root.removeEventListener('change', this.onInput, true);
    this.root.removeEventListener('focusin', this.onFocus, true);
    window.removeEventListener('scroll', this.onScroll);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.snapshot();
    await this.flush(false);
    const c = this.capture;
    this.capture = null;
    this.pending = [];
    await api('POST', `/api/captures/${c.id}/finish`).catch(() => {});
  }
}
