// JSON over fetch, with the server's error message surfaced as the thrown Error's message.
export async function api(method, path, body) {
  // X-Requested-With: the server refuses cookie-authenticated writes without it (CSRF protection).
  // no-store: API answers are live state (a draft, a ticket); a cached copy would be a stale version.
  const options = { method, headers: { 'X-Requested-With': 'klip' }, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error((data && data.error) || response.statusText);
    error.status = response.status;
    error.code = data && data.code;
    throw error;
  }
  return data;
}
