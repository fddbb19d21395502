// Replays a DOM session recording (see screen-capture.js) in sync with the call recording: the desk as it was
// at a given moment, rebuilt from the JSON tree with el() only, inert (no ids of the live page, no handlers).
import { el, clear } from './dom.js';

const TAGS = new Set(['div', 'section', 'aside', 'main', 'header', 'p', 'span', 'strong', 'em', 'small', 'h1', 'h2',
  'h3', 'h4', 'label', 'input', 'textarea', 'select', 'option', 'button', 'ul', 'ol', 'li', 'form', 'table', 'thead',
  'tbody', 'tr', 'th', 'td', 'mark', 'br', 'b', 'i']);

export class ScreenReplay {
  constructor(container, events) {
    this.container = container;
    this.events = events.slice().sort((a, b) => a.t - b.t);
    this.snapshots = this.events.filter((e) => e.type === 'snapshot');
    this.shown = null;
  }

  get start() { return this.events.length ? this.events[0].t : 0; }

  /** Shows the desk as it was at wall-clock time {@code at} (ms): the last snapshot, then later inputs. */
  showAt(at) {
    let snap = null;
    for (const s of this.snapshots) { if (s.t <= at) snap = s; else break; }
    const inputs = this.events.filter((e) => e.type === 'input' && (!snap || e.t > snap.t) && e.t <= at);
    const key = `${snap ? snap.t : 'none'}:${inputs.length}`;
    if (key === this.shown) return;
    this.shown = key;
    clear(this.container);
    if (!snap) {
      this.container.append(el('p', { class: 'hint', text: '—' }));
      return;
    }
    this.container.append(build(snap.tree));
    inputs.forEach((e) => {
      const f = this.container.querySelector(`[data-replay-id="${CSS.escape(e.field)}"]`);
      if (f) { if (typeof e.value === 'boolean') f.checked = e.value; else f.value = e.value; }
    });
    this.container.dataset.at = String(snap.t);
  }
}

function build(node) {
  if (!node) return null;
  if (node.text != null) return document.createTextNode(node.text);
  const tag = TAGS.has(node.tag) ? node.tag : 'div';
  const attrs = { class: node.cls || null, 'data-replay-id': node.id || null, disabled: ['input', 'textarea', 'select', 'button'].includes(tag) };
  if (node.type) attrs.type = node.type;
  const e = el(tag, attrs, (node.children || []).map(build));
  if (node.value != null && 'value' in e) e.value = node.value;
  if (node.checked) e.checked = true;
  return e;
}
