// Mounts the SIKP pages for the signed-in role: suggestions on the desk for agents and team leaders,
// the update pages for SIKP editors, the import for admins, the knowledge-gap report for team leaders.
import { el } from './dom.js';
import { t } from './i18n.js';
import { SikpPanel } from './sikp.js';
import { SikpEditor, GapReport, ImportPage } from './sikp-editor.js';

export function mountSikp(main, me) {
  if (me.role === 'agent' || me.role === 'team_leader') new SikpPanel(me);
  if (me.role === 'sikp_editor') new SikpEditor(main, me).start();
  if (me.role === 'admin') {
    const area = el('section', { id: 'sikp-import-area', class: 'card' });
    main.append(area);
    new ImportPage(area, me).start();
  }
  if (me.role === 'team_leader') {
    const area = el('div', { id: 'sikp-gaps-area' });
    main.append(el('p', {}, el('button', { id: 'show-sikp-gaps', type: 'button', text: t('sikp.gapsButton'),
      onclick: (e) => { e.target.hidden = true; new GapReport(area).start(); } })), area);
  }
}
