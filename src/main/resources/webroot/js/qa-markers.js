// Markers on the waveform: the ticket's events in Indonesian, laid out so that no two labels overlap. Events closer
// than a few pixels form one marker ("Diangkat agen +2"); the others are staggered over up to three rows; a label
// that fits in no row joins the marker before it.
import { el, clear } from './dom.js';
import { t, TEXT } from './i18n.js';

const ROWS = 3;
const NEAR_PX = 8;
const GAP_PX = 6;

/** The Indonesian words for a timeline entry: never the stored code. */
export function eventLabel(e) {
  const words = (TEXT.qa.event && TEXT.qa.event[e.kind]) || t('qa.event.other');
  const d = e.detail || {};
  if (e.kind === 'transition' && d.to) return `${t('qa.event.transition')}: ${t(`status.${d.to}`)}`;
  const mode = (m) => TEXT.qa.joinMode[m] || '';
  if (e.kind === 'supervisor_joined' && d.mode && mode(d.mode)) return `${words} (${mode(d.mode)})`;
  if (e.kind === 'supervisor_mode_changed' && mode(d.from) && mode(d.to)) return `${words}: ${mode(d.from)} → ${mode(d.to)}`;
  if (e.kind === 'call_transferred' && d.to) {
    return `${words}: ${d.from || t('audit.system')} → ${d.to === 'queue' ? t('callControl.theQueue') : d.to}`;
  }
  if (e.kind === 'supervisor_left' && d.stoppedByLeader) return `${t('qa.event.supervisor_stopped')}${mode(d.mode) ? ` (${mode(d.mode)})` : ''}`;
  return words;
}

/** Positions the markers' labels in {@code layer} for a waveform {@code width} pixels wide. */
export function layoutMarkers(layer, markers, durationMs, width, onSeek) {
  clear(layer);
  const clusters = [];
  [...markers].sort((a, b) => a.offset - b.offset).forEach((m) => {
    const x = Math.min(width, Math.max(0, (m.offset / durationMs) * width));
    const last = clusters[clusters.length - 1];
    if (last && x - last.x < NEAR_PX) last.items.push(m);
    else clusters.push({ x, items: [m] });
  });
  const rightEdge = new Array(ROWS).fill(-Infinity);
  const placed = [];
  clusters.forEach((c) => {
    const node = marker(c, onSeek);
    layer.append(node);
    const w = node.offsetWidth;
    const left = Math.max(0, Math.min(c.x, width - w));
    const row = rightEdge.findIndex((edge) => edge + GAP_PX <= left);
    if (row < 0 && placed.length) {
      const prev = placed[placed.length - 1];
      node.remove();
      prev.items.push(...c.items);
      const old = prev.node;
      prev.node = marker(prev, onSeek);
      old.replaceWith(prev.node);
      place(prev.node, prev.left, prev.row);
      rightEdge[prev.row] = prev.left + prev.node.offsetWidth;
      return;
    }
    const r = Math.max(0, row);
    place(node, left, r);
    rightEdge[r] = left + w;
    placed.push({ x: c.x, items: c.items, node, left, row: r });
  });
}

function marker(cluster, onSeek) {
  const first = cluster.items[0];
  const more = cluster.items.length - 1;
  const text = more > 0 ? `${eventLabel(first)} +${more}` : eventLabel(first);
  return el('button', { type: 'button', class: 'wave-marker', title: cluster.items.map(eventLabel).join(' · '),
    'data-kind': first.kind, onclick: (e) => { e.stopPropagation(); onSeek(Math.max(0, first.offset / 1000)); } }, text);
}

function place(node, left, row) {
  node.style.left = `${left}px`;
  node.dataset.row = String(row);
}
