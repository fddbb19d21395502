// The administrator's console: users (role, team, phone interface, active, password), teams, and the audit log
// with its chain check. Everything goes through the admin API; user data reaches the page as text only.
import { api } from './api.js';
import { el, clear, formatTime } from './dom.js';
import { t, TEXT } from './i18n.js';

export class AdminConsole {
  constructor(root, me) {
    this.root = root;
    this.me = me;
  }

  start() {
    this.status = el('p', { class: 'hint', id: 'admin-status', role: 'status' });
    this.body = el('div', { id: 'admin-body' });
    const tab = (id, key, show) => el('button', { type: 'button', id, text: t(key), onclick: () => show() });
    const tabs = el('nav', { class: 'tabs' },
      tab('tab-users', 'admin.users', () => this.showUsers()),
      tab('tab-teams', 'admin.teams', () => this.showTeams()),
      tab('tab-audit', 'admin.audit', () => new AuditView(this.body, this.status).show()));
    clear(this.root).append(el('section', { class: 'card' }, el('h2', { text: t('admin.title') }), tabs, this.status),
      this.body);
    this.showUsers();
  }

  say(text, isError) {
    this.status.textContent = text;
    this.status.className = isError ? 'error' : 'hint';
  }

  async showUsers() {
    const [users, teams, roles] = await Promise.all([api('GET', '/api/admin/users'), api('GET', '/api/admin/teams'),
      api('GET', '/api/admin/roles')]);
    const teamCodes = teams.map((x) => x.code);
    const rows = users.map((u) => this.userRow(u, roles, teamCodes));
    const table = el('table', { class: 'grid', id: 'users-table' },
      el('thead', {}, el('tr', {}, ...['username', 'displayName', 'role', 'team', 'phoneInterface', 'active',
        'newPassword', ''].map((k) => el('th', { text: k ? t('admin.' + k) : '' })))),
      el('tbody', {}, ...rows));
    clear(this.body).append(el('section', { class: 'card' }, table), this.newUserForm(roles, teamCodes));
  }

  userRow(u, roles, teams) {
    const name = el('input', { value: u.displayName, maxlength: 100 });
    const role = select(roles, u.role, (r) => t('roles.' + r));
    const team = select(teams, u.team, (x) => x);
    const phone = el('input', { value: u.phoneInterface || '', placeholder: 'PJSIP/1001', maxlength: 100 });
    const active = el('input', { type: 'checkbox', checked: u.active });
    const password = el('input', { type: 'password', autocomplete: 'new-password', maxlength: 200 });
    const save = el('button', { type: 'button', text: t('save'), onclick: async () => {
      const body = { displayName: name.value, role: role.value, team: team.value, phoneInterface: phone.value,
        active: active.checked };
      if (password.value) body.password = password.value;
      try {
        await api('PUT', '/api/admin/users/' + encodeURIComponent(u.username), body);
        password.value = '';
        this.say(t('saved') + ': ' + u.username);
      } catch (e) {
        this.say(t('saveFailed') + e.message, true);
      }
    } });
    return el('tr', { 'data-username': u.username }, el('td', { text: u.username }), cell(name), cell(role),
      cell(team), cell(phone), cell(active), cell(password), cell(save));
  }

  newUserForm(roles, teams) {
    const f = {
      username: el('input', { id: 'new-username', maxlength: 40, required: true }),
      displayName: el('input', { id: 'new-displayName', maxlength: 100, required: true }),
      role: select(roles, 'agent', (r) => t('roles.' + r)),
      team: select(teams, teams[0], (x) => x),
      phoneInterface: el('input', { id: 'new-phoneInterface', placeholder: 'PJSIP/1001', maxlength: 100 }),
      password: el('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', maxlength: 200 }),
    };
    const form = el('form', { class: 'card', id: 'new-user-form' }, el('h3', { text: t('admin.newUser') }),
      ...Object.entries(f).map(([k, input]) => el('label', { text: t('admin.' + k) }, input)),
      el('button', { type: 'submit', text: t('admin.create') }));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = Object.fromEntries(Object.entries(f).map(([k, input]) => [k, input.value]));
      try {
        await api('POST', '/api/admin/users', body);
        this.say(t('saved') + ': ' + body.username);
        this.showUsers();
      } catch (err) {
        this.say(t('saveFailed') + err.message, true);
      }
    });
    return form;
  }

  async showTeams() {
    const teams = await api('GET', '/api/admin/teams');
    const rows = teams.map((x) => {
      const name = el('input', { value: x.name, maxlength: 100 });
      const save = el('button', { type: 'button', text: t('save'), onclick: () =>
        api('PUT', '/api/admin/teams/' + encodeURIComponent(x.code), { name: name.value })
          .then(() => this.say(t('saved') + ': ' + x.code), (e) => this.say(t('saveFailed') + e.message, true)) });
      return el('tr', {}, el('td', { text: x.code }), cell(name), el('td', { text: String(x.members) }), cell(save));
    });
    const code = el('input', { id: 'new-team-code', maxlength: 40, required: true });
    const name = el('input', { id: 'new-team-name', maxlength: 100, required: true });
    const form = el('form', { class: 'card inline' }, el('label', { text: t('admin.teamCode') }, code),
      el('label', { text: t('admin.teamName') }, name), el('button', { type: 'submit', text: t('admin.create') }));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await api('POST', '/api/admin/teams', { code: code.value, name: name.value });
        this.showTeams();
      } catch (err) {
        this.say(t('saveFailed') + err.message, true);
      }
    });
    clear(this.body).append(el('section', { class: 'card' }, el('table', { class: 'grid', id: 'teams-table' },
      el('thead', {}, el('tr', {}, ...['teamCode', 'teamName', 'members', ''].map((k) =>
        el('th', { text: k ? t('admin.' + k) : '' })))), el('tbody', {}, ...rows))), form);
  }
}

// The audit log and its verification: also used by the quality assessors' console.
export class AuditView {
  constructor(root, status) {
    this.root = root;
    this.status = status;
  }

  async show(action = '') {
    const filter = el('input', { id: 'audit-filter', value: action, placeholder: 'login, ticket, user.role_changed' });
    const result = el('p', { id: 'audit-verify-result', role: 'status' });
    const verify = el('button', { type: 'button', id: 'audit-verify', text: t('admin.verify'), onclick: async () => {
      const r = await api('GET', '/api/audit/verify');
      result.className = r.ok ? 'ok' : 'error';
      result.textContent = r.ok ? t('admin.chainOk').replace('{n}', r.checked)
        : t('admin.chainBroken').replace('{id}', r.brokenAt) + ' ' + r.reason;
    } });
    const entries = await api('GET', '/api/audit?limit=200' + (action ? '&action=' + encodeURIComponent(action) : ''));
    // Each entry reads as a sentence (who did what to what, with what); the code stays for filtering.
    const rows = entries.map((x) => el('tr', { 'data-action': x.action }, el('td', { text: String(x.id) }),
      el('td', { text: formatTime(x.at) }), el('td', { class: 'audit-sentence', text: auditSentence(x) }),
      el('td', { text: x.remoteAddress })));
    const form = el('form', { class: 'inline' }, el('label', { text: t('admin.filter') }, filter),
      el('button', { type: 'submit', text: t('admin.show') }), verify);
    form.addEventListener('submit', (e) => { e.preventDefault(); this.show(filter.value.trim()); });
    clear(this.root).append(el('section', { class: 'card' }, form, result,
      el('table', { class: 'grid', id: 'audit-table' }, el('thead', {}, el('tr', {},
        ...['#', 'at', 'what', 'from'].map((k) =>
          el('th', { text: k === '#' ? '#' : t('admin.audit_' + k) })))), el('tbody', {}, ...rows))));
  }
}

/** "agent1 mengubah peran pengguna user:budi — dari: Agen Informasi, menjadi: Team Leader". */
export function auditSentence(x) {
  // Action codes contain dots (user.created): looked up directly, not through t()'s dotted paths.
  const route = String(x.action || '').startsWith('http ') ? x.action.substring(5) : null;
  const verb = TEXT.audit.action[x.action] || (route && TEXT.audit.route[route]) || t('audit.otherAction');
  const words = [x.actor || t('audit.system'), verb];
  const target = x.target ? targetInWords(x.target) : '';
  if (target) words.push(target);
  let detail = x.detail;
  try { detail = typeof detail === 'string' ? JSON.parse(detail) : detail; } catch (e) { /* plain text */ }
  const parts = detail && typeof detail === 'object'
    ? Object.entries(detail).filter(([, v]) => v != null && v !== '').map(([k, v]) => {
      const label = t(`audit.field.${k}`);
      const value = typeof v === 'boolean' ? t(v ? 'audit.yes' : 'audit.no')
        : (['role', 'from', 'to'].includes(k) && TEXT.roles[v]) || (k === 'to' && TEXT.status[v])
        || (k === 'to' && v === 'queue' && t('callControl.theQueue')) || (k === 'to' && v === 'leader' && t('roles.team_leader'))
        || (k === 'state' && TEXT.agentState[v]) || (typeof v === 'object' ? Object.values(v).join(', ') : String(v));
      return label === `audit.field.${k}` ? value : `${label}: ${value}`;
    })
    : (detail ? [String(detail)] : []);
  return words.join(' ') + (parts.length ? ` — ${parts.join(', ')}` : '');
}

/**
 * What an entry is about, in words: "/api/tickets/12/transfer" → "tiket #12", "user:budi" → "pengguna budi",
 * "recording:3" → "rekaman #3"; anything else as stored.
 */
function targetInWords(target) {
  const kind = /^([a-z_]+):(.+)$/.exec(target);
  if (kind) {
    const noun = TEXT.audit.target[`${kind[1]}s`] || TEXT.audit.target[kind[1]];
    return noun ? `${noun} ${/^\d+$/.test(kind[2]) ? '#' : ''}${kind[2]}` : target;
  }
  if (!target.startsWith('/api/')) return target;
  const parts = target.replace(/^\/api\//, '').split('/').filter((p) => p);
  for (let i = parts.length - 2; i >= 0; i -= 1) {
    const noun = TEXT.audit.target[parts[i]];
    if (noun) return `${noun} #${decodeURIComponent(parts[i + 1])}`;
  }
  // A route with nothing to point at (the demo ring, a sign-in): its verb says it all.
  return parts.map((p) => TEXT.audit.target[p]).find((n) => n) || '';
}

function select(values, current, label) {
  return el('select', {}, ...values.map((v) => el('option', { value: v, text: label(v), selected: v === current })));
}

function cell(node) {
  return el('td', {}, node);
}
