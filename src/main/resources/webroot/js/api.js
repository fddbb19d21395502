// JSON over fetch, with the server's error message surfaced as the thrown Error's message.
import { t } from './i18n.js';

export async function api(method, path, body) {
  // X-Requested-With: the server refuses cookie-authenticated writes without it (CSRF protection).
  // no-store: API answers are live state (a draft, a ticket); a cached copy would be a stale version.
  const options = { method, headers: { 'X-Requested-With': 'klip' }, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (e) {
    throw Object.assign(new Error(t('errors.network')), { status: 0 });
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    // A proxy's HTML page or a cut-off body: say so in words, never the parser's English.
    throw Object.assign(new Error(t('errors.unreadable')), { status: response.status });
  }
  if (!response.ok) {
    const error = new Error(forPeople((data && data.error) || t('errors.unreadable')));
    error.status = response.status;
    error.code = data && data.code;
    throw error;
  }
  return data;
}

/**
 * Server errors are written "Indonesian sentence (English gloss)" so integrators reading the API can follow them;
 * the gloss is for them: a person reads the Indonesian sentence only.
 */
const GLOSS = /\s*\(([^()]*)\)/g;
const ENGLISH_GLOSS = /\b(is|not|must|required|invalid|unknown|found|expected|allowed|too|out of date|only|needs?|malformed|empty|object|string|should|cannot|no)\b/i;
const INDONESIAN = /\b(tidak|wajib|harus|maksimal|bila|dan|atau|dari|ke|yang)\b/i;

function forPeople(message) {
  return String(message).replace(GLOSS, (all, inner) => (
    ENGLISH_GLOSS.test(inner) && !INDONESIAN.test(inner) ? '' : all)).trim();
}
