// The team leader's discussion inbox: agents' questions arrive live (several at once), each opens as a thread
// with the ticket, the question and the SIKP suggestions the agent saw; replies reach the agent during the call.
import { api } from './api.js';
import { Bus } from './bus.js';
import { el, clear, formatTime } from './dom.js';
import { t } from './i18n.js';

export class DiscussionInbox {
  constructor(root, me) {
    this.root = root;
    this.me = me;
    this.selected = null;
  }

  async start() {
    this.list = el('ul', { id: 'tl-discussions', class: 'history' });
    this.detail = el('div', { id: 'tl-thread' });
    this.alerts = el('ul', { id: 'tl-alerts', class: 'history' });
    this.root.append(el('section', { id: 'tl-inbox', class: 'card' },
      el('h2', { text: t('wf.inboxTitle') }), this.alerts, this.list, this.detail));
    this.bus = new Bus(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/eventbus/websocket`, () => {});
    this.bus.register(`browser.tl.${this.me.username}.inbox`, (msg) => this.onMessage(msg));
    await this.load();
  }

  async load() {
    const open = await api('GET', '/api/discussions').catch(() => []);
    clear(this.list);
    if (open.length === 0) this.list.append(el('li', { class: 'hint', text: t('wf.noDiscussions') }));
    open.forEach((d) => this.list.append(el('li', { class: 'tl-discussion', 'data-discussion': d.id },
      el('button', { type: 'button', class: 'link', text: `#${d.ticketId} · ${d.agent} · ${d.question}`,
        onclick: () => this.show(d.id) }),
      d.alertedLeader === this.me.username ? el('span', { class: 'hint', text: `${t('wf.unansweredBy')} ${d.teamLeader}` }) : null)));
  }

  async show(id) {
    this.selected = id;
    const d = await api('GET', `/api/discussions/${id}`);
    const suggestions = el('ul', { class: 'history' });
    ((d.context && d.context.suggestions) || []).forEach((s) => suggestions.append(el('li', {},
      `${s.title || ''} (#${s.articleId ?? '-'} v${s.version ?? '-'})`)));
    const thread = el('ul', { id: 'tl-messages', class: 'history' });
    d.messages.forEach((m) => thread.append(el('li', {}, el('strong', { text: `${m.author}: ` }), m.body)));
    const input = el('textarea', { id: 'tl-reply', rows: 2, maxlength: 4000 });
    const form = el('form', {}, input, el('button', { id: 'tl-send', type: 'submit', text: t('wf.send') }));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (!input.value) return;
      await api('POST', `/api/discussions/${id}/messages`, { body: input.value });
      this.show(id);
    });
    clear(this.detail).append(
      el('h3', { text: `${t('ticket')} #${d.ticketId} · ${d.callerNumber || ''} · ${d.application || '-'}` }),
      el('p', { class: 'meta', text: `${t('wf.fromAgent')} ${d.agent} · ${formatTime(d.openedAt)} · ${t('status.' + d.ticketStatus)}` }),
      el('p', { id: 'tl-question' }, el('strong', { text: `${t('question')}: ` }), d.question),
      el('p', { class: 'meta', text: t('wf.suggestionsSeen') }), suggestions, thread, form);
  }

  onMessage(msg) {
    if (msg.type === 'discussion') {
      this.load();
      if ('Notification' in window && Notification.permission === 'granted' && document.hidden) {
        new Notification(t('wf.inboxTitle'), { body: msg.question || '', tag: `discussion-${msg.discussionId}` });
      }
    } else if (msg.type === 'discussion_message' && msg.discussionId === this.selected) {
      this.show(this.selected);
    } else if (msg.type === 'deadline') {
      this.alerts.prepend(el('li', { class: 'error', text: `${t('wf.deadlineAlert.' + msg.kind)}${msg.ticketId} (${msg.agent || ''})` }));
    }
  }
}
