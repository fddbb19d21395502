// The server's clock as the browser can tell it: timers on the desk count from times the server stamped (answer,
// hang-up, a pause), so they are read against the server's now, not the workstation's possibly wrong clock.
let offsetMs = 0;

/** Learns the offset from a server time read between {@code sentAt} and {@code receivedAt} (browser ms). */
export function learnServerTime(serverTime, sentAt, receivedAt = sentAt) {
  if (typeof serverTime === 'number') offsetMs = serverTime - (sentAt + receivedAt) / 2;
}

export function serverNow() {
  return Date.now() + offsetMs;
}

/** Elapsed time since {@code since} (ms or ISO) until {@code until} (default now), as mm:ss or h:mm:ss. */
export function elapsed(since, until) {
  const from = typeof since === 'number' ? since : Date.parse(since);
  const to = until == null ? serverNow() : (typeof until === 'number' ? until : Date.parse(until));
  const total = Math.max(0, Math.floor((to - from) / 1000));
  const h = Math.floor(total / 3600);
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const ss = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
