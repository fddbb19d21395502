// Mounts the ticket-lifecycle, discussion, escalation and SLA pages for the signed-in role.
import { el } from './dom.js';
import { t } from './i18n.js';
import { TicketTools } from './lifecycle.js';
import { DiscussionInbox } from './discussion.js';
import { EscalationDesk, DirectorateInbox } from './escalation.js';
import { SlaReport } from './sla.js';

export function mountWorkflow(main, me) {
  if (me.role === 'agent' || me.role === 'team_leader') new TicketTools(me);
  if (me.role === 'team_leader') new DiscussionInbox(main, me).start();
  if (me.role === 'escalation_agent') {
    new EscalationDesk(main, me).start();
    new DirectorateInbox(main, me).start();
  }
  if (['team_leader', 'escalation_agent', 'admin', 'quality_assessor'].includes(me.role)) {
    const area = el('div', { id: 'sla-area' });
    main.append(el('p', {}, el('button', { id: 'show-sla', type: 'button', text: t('wf.slaTitle'),
      onclick: (e) => { e.target.hidden = true; new SlaReport(area).start(); } })), area);
  }
}
