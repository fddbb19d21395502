// The QA audio player: waveform from server-side peaks on a canvas, the ticket's events as Indonesian markers
// above it, seek by click, playback speed, keyboard control, a link to the exact moment (#ticket=ID&t=SECONDS),
// and the screen replay kept in sync. The audio is one audited playback: the player opens it once and its Range
// requests carry the grant.
import { api } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import { ScreenReplay } from './replay.js';
import { layoutMarkers } from './qa-markers.js';

const SPEEDS = [0.75, 1, 1.25, 1.5, 2];
const STEP_SECONDS = 5;

export async function buildPlayer(ticketId, recording, timeline, captures, startAt) {
  const audio = el('audio', { id: 'qa-audio', preload: 'metadata' });
  const canvas = el('canvas', { id: 'qa-waveform', class: 'waveform', width: 900, height: 70 });
  const layer = el('div', { id: 'qa-wave-markers', class: 'wave-markers' });
  const clock = el('span', { id: 'qa-clock', class: 'clock', text: '0:00' });
  const play = el('button', { type: 'button', id: 'qa-play', text: t('qa.play') });
  const speed = el('select', { id: 'qa-speed', class: 'narrow' },
    SPEEDS.map((s) => el('option', { value: s, text: `${s}×`, selected: s === 1 })));
  const link = el('button', { type: 'button', id: 'qa-link', class: 'secondary', text: t('qa.linkMoment') });
  const linkOut = el('input', { id: 'qa-link-out', readonly: true, class: 'link-out', 'aria-label': t('qa.linkMoment') });
  const screen = el('div', { id: 'qa-screen', class: 'screen-replay' });
  const screenTime = el('p', { id: 'qa-screen-time', class: 'hint' });

  const [peaksBody, playback] = await Promise.all([api('GET', `/api/recordings/${recording.id}/peaks`),
    api('POST', `/api/recordings/${recording.id}/playbacks`)]);
  const peaks = peaksBody.peaks || [];
  const durationMs = recording.durationMs || 1;
  const startedAt = Date.parse(recording.startedAt);
  const markers = timeline.map((e) => ({ kind: e.kind, detail: e.detail, offset: Date.parse(e.at) - startedAt }))
    .filter((m) => Number.isFinite(m.offset) && m.offset >= -1000 && m.offset <= durationMs + 1000);
  audio.src = playback.audio;
  audio.dataset.playback = playback.playbackId;

  let replay = null;
  if (captures.length) {
    const data = await api('GET', `/api/captures/${captures[captures.length - 1].id}/events`);
    replay = new ScreenReplay(screen, data.events);
  } else {
    screen.append(el('p', { class: 'hint', text: t('qa.noCapture') }));
  }

  const draw = () => {
    const g = canvas.getContext('2d');
    const w = canvas.width;
    const h = canvas.height;
    g.clearRect(0, 0, w, h);
    const pos = (audio.currentTime * 1000) / durationMs;
    peaks.forEach((p, i) => {
      const x = (i / peaks.length) * w;
      const bar = Math.max(1, (p / 255) * (h - 6));
      g.fillStyle = i / peaks.length <= pos ? '#0b3d91' : '#9fb3d9';
      g.fillRect(x, (h - bar) / 2, Math.max(1, w / peaks.length), bar);
    });
    g.fillStyle = '#f2a900';
    markers.forEach((m) => g.fillRect(Math.min(w - 2, Math.max(0, (m.offset / durationMs) * w)), 0, 2, h));
    g.fillStyle = '#b3261e';
    g.fillRect(pos * w, 0, 2, h);
  };

  const sync = () => {
    clock.textContent = `${fmt(audio.currentTime)} / ${fmt(durationMs / 1000)}`;
    if (replay) {
      const at = startedAt + audio.currentTime * 1000;
      replay.showAt(at);
      screenTime.textContent = `${t('qa.screenAt')} ${new Date(at).toLocaleTimeString('id-ID', { timeZone: 'Asia/Jakarta' })} WIB`;
    }
    draw();
  };
  const seek = (seconds) => {
    audio.currentTime = Math.max(0, Math.min(seconds, durationMs / 1000));
    sync();
  };
  let raf = null;
  const loop = () => { sync(); raf = audio.paused ? null : requestAnimationFrame(loop); };
  audio.addEventListener('play', () => { play.textContent = t('qa.pause'); if (!raf) loop(); });
  audio.addEventListener('pause', () => { play.textContent = t('qa.play'); sync(); });
  audio.addEventListener('timeupdate', sync);
  audio.addEventListener('seeked', sync);
  // A grant ends after a long pause (or a server restart): open a new, newly audited playback where we were.
  let reopened = 0;
  audio.addEventListener('error', async () => {
    if (Date.now() - reopened < 10000) return;
    reopened = Date.now();
    const at = audio.currentTime;
    const again = await api('POST', `/api/recordings/${recording.id}/playbacks`).catch(() => null);
    if (!again) return;
    audio.src = again.audio;
    audio.dataset.playback = again.playbackId;
    audio.addEventListener('loadedmetadata', () => seek(at), { once: true });
  });
  const atStart = () => { if (startAt > 0) seek(startAt); else sync(); };
  // The metadata may have arrived while the capture was loading: then seek at once.
  if (audio.readyState >= 1) atStart(); else audio.addEventListener('loadedmetadata', atStart, { once: true });
  const toggle = () => (audio.paused ? audio.play().catch(() => {}) : audio.pause());
  const setSpeed = (s) => { speed.value = String(s); audio.playbackRate = s; };
  play.addEventListener('click', toggle);
  speed.addEventListener('change', () => { audio.playbackRate = Number(speed.value); });
  canvas.addEventListener('click', (e) => {
    const r = canvas.getBoundingClientRect();
    seek(((e.clientX - r.left) / r.width) * (durationMs / 1000));
  });
  link.addEventListener('click', () => {
    const url = `${location.origin}${location.pathname}#ticket=${ticketId}&t=${audio.currentTime.toFixed(1)}`;
    linkOut.value = url;
    history.replaceState(null, '', url);
    if (navigator.clipboard) navigator.clipboard.writeText(url).catch(() => {});
  });
  const layout = () => { if (layer.isConnected) layoutMarkers(layer, markers, durationMs, layer.clientWidth, seek); };
  window.addEventListener('resize', layout);
  draw();
  return {
    audio,
    seek,
    layout,
    toggle,
    /** Seeks by {@code direction} × 5 s. */
    step: (direction) => seek(audio.currentTime + direction * STEP_SECONDS),
    /** One speed up (+1) or down (-1). */
    speedStep: (direction) => {
      const i = SPEEDS.indexOf(Number(speed.value));
      setSpeed(SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? 1 : i) + direction))]);
    },
    stop: () => { audio.pause(); window.removeEventListener('resize', layout); },
    controls: el('div', { class: 'player' },
      el('div', { class: 'player-controls' }, play, clock,
        el('label', { for: 'qa-speed', class: 'inline-label', text: t('qa.speed') }), speed, link, linkOut),
      el('div', { class: 'wave' }, layer, canvas), audio,
      el('p', { class: 'hint keys', id: 'qa-keys', text: t('qa.keys') })),
    screen: el('div', { class: 'screen-area' }, el('h3', { text: t('qa.screen') }), screenTime, screen),
  };
}

function fmt(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
