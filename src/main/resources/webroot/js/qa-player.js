// The QA audio player: waveform from server-side peaks on a canvas, markers at the ticket's events, seek by
// click, playback speed, a link to the exact moment (#ticket=ID&t=SECONDS), and the screen replay kept in sync.
import { api } from './api.js';
import { el } from './dom.js';
import { t, TEXT } from './i18n.js';
import { ScreenReplay } from './replay.js';

const SPEEDS = [0.75, 1, 1.25, 1.5, 2];

export async function buildPlayer(ticketId, recording, timeline, captures, startAt) {
  const audio = el('audio', { id: 'qa-audio', preload: 'metadata', src: `/api/recordings/${recording.id}/audio` });
  const canvas = el('canvas', { id: 'qa-waveform', class: 'waveform', width: 900, height: 90 });
  const clock = el('span', { id: 'qa-clock', class: 'clock', text: '0:00' });
  const play = el('button', { type: 'button', id: 'qa-play', text: t('qa.play') });
  const speed = el('select', { id: 'qa-speed', class: 'narrow' },
    SPEEDS.map((s) => el('option', { value: s, text: `${s}×`, selected: s === 1 })));
  const link = el('button', { type: 'button', id: 'qa-link', class: 'secondary', text: t('qa.linkMoment') });
  const linkOut = el('input', { id: 'qa-link-out', readonly: true, class: 'link-out' });
  const screen = el('div', { id: 'qa-screen', class: 'screen-replay' });
  const screenTime = el('p', { id: 'qa-screen-time', class: 'hint' });

  const peaks = (await api('GET', `/api/recordings/${recording.id}/peaks`)).peaks || [];
  const durationMs = recording.durationMs || 1;
  const startedAt = Date.parse(recording.startedAt);
  const markers = timeline.map((e) => ({ kind: e.kind, offset: Date.parse(e.at) - startedAt }))
    .filter((m) => Number.isFinite(m.offset));

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
      const bar = Math.max(1, (p / 255) * (h - 20));
      g.fillStyle = i / peaks.length <= pos ? '#0b3d91' : '#9fb3d9';
      g.fillRect(x, (h - 10 - bar) / 2 + 10, Math.max(1, w / peaks.length), bar);
    });
    g.font = '10px sans-serif';
    markers.forEach((m) => {
      const x = Math.min(w - 1, Math.max(0, (m.offset / durationMs) * w));
      g.fillStyle = '#f2a900';
      g.fillRect(x, 0, 2, h);
      g.fillStyle = '#1c2430';
      g.fillText(eventLabel(m.kind), Math.min(x + 3, w - 60), 9);
    });
    g.fillStyle = '#b3261e';
    g.fillRect(pos * w, 0, 2, h);
  };

  const sync = () => {
    clock.textContent = `${fmt(audio.currentTime)} / ${fmt(durationMs / 1000)}`;
    if (replay) {
      const at = startedAt + audio.currentTime * 1000;
      replay.showAt(at);
      screenTime.textContent = `${t('qa.screenAt')} ${new Date(at).toLocaleTimeString('id-ID', { timeZone: 'Asia/Jakarta' })}`;
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
  const atStart = () => { if (startAt > 0) seek(startAt); else sync(); };
  // The metadata may have arrived while peaks and the capture were loading: then seek at once.
  if (audio.readyState >= 1) atStart(); else audio.addEventListener('loadedmetadata', atStart, { once: true });
  play.addEventListener('click', () => (audio.paused ? audio.play() : audio.pause()));
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
  const markerList = el('ul', { class: 'markers', id: 'qa-markers' }, markers.map((m) => el('li', {},
    el('button', { type: 'button', class: 'link', onclick: () => seek(Math.max(0, m.offset / 1000)) },
      `${fmt(Math.max(0, m.offset / 1000))} · ${eventLabel(m.kind)}`))));
  draw();
  return {
    audio,
    seek,
    node: el('div', { class: 'player' },
      el('div', { class: 'player-controls' }, play, clock, el('label', { for: 'qa-speed', class: 'inline-label', text: t('qa.speed') }), speed, link, linkOut),
      canvas, audio, markerList,
      el('h3', { text: t('qa.screen') }), screenTime, screen),
  };
}

function eventLabel(kind) {
  return (TEXT.qa.event && TEXT.qa.event[kind]) || kind;
}

function fmt(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
