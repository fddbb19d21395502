// Entry point: sign-in, then the page for the signed-in role.
import { api } from './api.js';
import { el, clear } from './dom.js';
import { t } from './i18n.js';
import { AgentDesktop } from './agent.js';
import { AdminConsole, AuditView } from './admin.js';
import { TeamBoard } from './board.js';
import { handControl } from './hand.js';
import { mountWorkflow } from './workflow.js';
import { QaConsole } from './qa.js';
import { mountSikp } from './sikp-mount.js';
import { ticketSearchCard } from './ticket-search.js';

const main = document.getElementById('main');
document.title = t('appTitle');
document.getElementById('app-title').textContent = t('appTitle');

const logout = document.getElementById('logout');
logout.textContent = t('signOut');
logout.addEventListener('click', async () => {
  await api('POST', '/api/logout').catch(() => {});
  location.reload();
});

async function start() {
  try {
    const me = await api('GET', '/api/me');
    showFor(me);
  } catch (e) {
    showLogin();
  }
}

function showLogin() {
  const error = el('p', { class: 'error', role: 'alert', id: 'login-error' });
  const username = el('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = el('form', { class: 'card login', id: 'login-form' },
    el('h2', { text: t('loginTitle') }),
    el('label', { for: 'username', text: t('username') }), username,
    el('label', { for: 'password', text: t('password') }), password,
    el('button', { type: 'submit', id: 'login-button', text: t('signIn') }),
    error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    // The sign-in click is the user gesture that lets the page play the ring and show notifications later.
    if ('Notification' in window && Notification.permission === 'default') Notification.requestPermission();
    AgentDesktop.unlockAudio();
    try {
      const me = await api('POST', '/api/login', { username: username.value, password: password.value });
      showFor(me);
    } catch (err) {
      error.textContent = err.status === 401 ? t('loginFailed') : err.message;
    }
  });
  clear(main).append(form);
  username.focus();
  const sso = new URLSearchParams(location.search).get('sso');
  if (sso) error.textContent = t(sso === 'unavailable' ? 'ssoUnavailable' : 'ssoFailed');
  // Single sign-on, when the server has a provider configured (404 otherwise).
  api('GET', '/api/oidc').then(() => {
    form.append(el('a', { href: '/api/oidc/login', id: 'sso-login', class: 'sso', text: t('ssoSignIn') }));
  }, () => {});
}

function showFor(me) {
  document.getElementById('who').textContent = `${me.displayName} · ${t('roles.' + me.role)}`;
  logout.hidden = false;
  clear(main);
  if (me.role === 'team_leader') {
    showTeamLeader(me);
  } else if (me.role === 'agent') {
    main.append(handControl());
    // The search card goes below the workspace, once the desk has laid it out: the call comes first.
    new AgentDesktop(main, me).start().finally(() => main.append(ticketSearchCard()));
  } else if (me.role === 'quality_assessor') {
    new QaConsole(main, me).start();
    main.append(auditCard());
  } else if (me.role === 'admin') {
    new AdminConsole(main, me).start();
  } else if (me.role !== 'escalation_agent') {
    main.append(el('section', { class: 'card' }, el('p', { text: me.displayName })));
  }
  mountWorkflow(main, me);
  mountSikp(main, me);
  if (me.role === 'team_leader') main.append(ticketSearchCard());
}

// Quality assessors read the audit log (who played or downloaded what) and can check its hash chain.
function auditCard() {
  const status = el('p', { class: 'hint', role: 'status' });
  const body = el('div', { id: 'qa-audit' });
  const open = el('button', { type: 'button', id: 'qa-audit-open', text: t('admin.audit'),
    onclick: () => new AuditView(body, status).show('recording') });
  return el('section', { class: 'card' }, el('h2', { text: t('admin.audit') }), open, status, body);
}

// Team leaders land on their team's live board; the agent desk stays one tab away.
function showTeamLeader(me) {
  const view = el('div', { id: 'tl-view' });
  let board = null;
  const open = (which) => {
    if (board) board.stop();
    board = null;
    clear(view);
    if (which === 'board') {
      board = new TeamBoard(view, me, () => open('desk'));
      board.start();
    } else {
      new AgentDesktop(view, me).start();
    }
  };
  main.append(el('nav', { class: 'tabs' },
    el('button', { type: 'button', id: 'tab-board', text: t('board.boardTab'), onclick: () => open('board') }),
    el('button', { type: 'button', id: 'tab-desk', text: t('board.deskTab'), onclick: () => open('desk') })), view);
  open('board');
}

start();
