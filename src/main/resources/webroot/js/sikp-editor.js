// The QA section's SIKP pages (SOP Pemutakhiran SIKP): the review queue of drafts made from team-leader
// discussion answers, the article editor (every save a new version), publish / merge / retire, version history
// with word diffs, the knowledge-gap report, and the JSONL import with a progress bar pushed over the bus.
import { api } from './api.js';
import { Bus } from './bus.js';
import { el, clear, formatTime } from './dom.js';
import { t } from './i18n.js';

const APPS = ['e-SPT', 'e-Registration', 'e-Filing', 'Umum'];
const CHUNK_LINES = 200;
/** How long the page waits between asking a job where to go on from, and in all before giving up. */
const RESUME_PAUSE_MS = 2000;
const RESUME_PATIENCE_MS = 180000;
const CHUNK_BYTES = 150 * 1024;

function lines(text) {
  return (text || '').split('\n').map((s) => s.trim()).filter(Boolean);
}

/** A word diff as <del>/<ins> elements with the unchanged text between them. */
function diffNodes(ops) {
  return ops.map((o) => (o.op === '=' ? document.createTextNode(o.text)
    : el(o.op === '+' ? 'ins' : 'del', { text: o.text })));
}

export class SikpEditor {
  constructor(root, me) {
    this.root = root;
    this.me = me;
  }

  start() {
    this.view = el('div', { id: 'sikp-editor-view' });
    const tab = (id, label, open) => el('button', { type: 'button', id, text: label, onclick: open });
    this.root.append(el('section', { id: 'sikp-editor', class: 'card' },
      el('h2', { text: t('sikp.editorTitle') }),
      el('nav', { class: 'tabs' },
        tab('sikp-tab-queue', t('sikp.queue'), () => this.showList('draft')),
        tab('sikp-tab-published', t('sikp.published'), () => this.showList('published')),
        tab('sikp-tab-retired', t('sikp.retired'), () => this.showList('retired')),
        tab('sikp-tab-gaps', t('sikp.gaps'), () => new GapReport(clear(this.view)).start()),
        tab('sikp-tab-import', t('sikp.import'), () => new ImportPage(clear(this.view), this.me).start())),
      this.view));
    this.showList('draft');
  }

  async showList(status) {
    const list = await api('GET', `/api/sikp/articles?status=${status}&limit=300`);
    const filter = el('input', { id: 'sikp-filter', placeholder: t('sikp.filter') });
    const ul = el('ul', { id: 'sikp-article-list', class: 'history' });
    const fill = () => {
      const f = filter.value.toLowerCase();
      clear(ul);
      list.filter((a) => !f || `${a.id} ${a.title}`.toLowerCase().includes(f)).slice(0, 100).forEach((a) => ul.append(
        el('li', { 'data-sikp-id': a.id }, el('button', { type: 'button', class: 'link', text: `${a.id} · ${a.title}`,
          onclick: () => this.edit(a.id) }), ' ', el('span', { class: 'meta',
          text: `${a.app} · v${a.version}${a.sourceTicketId ? ` · ${t('ticket')} #${a.sourceTicketId}` : ''}` }))));
      if (!ul.firstChild) ul.append(el('li', { class: 'hint', text: t('sikp.empty') }));
    };
    filter.addEventListener('input', fill);
    clear(this.view).append(el('h3', { text: t(`sikp.${status === 'draft' ? 'queue' : status}`) }), filter, ul);
    fill();
  }

  async edit(id) {
    const a = await api('GET', `/api/sikp/articles/${encodeURIComponent(id)}`);
    const message = el('p', { id: 'sikp-edit-message', class: 'hint', role: 'status' });
    const app = el('select', { id: 'sikp-edit-app' }, APPS.map((x) => el('option', { value: x, text: x, selected: a.app === x })));
    const title = el('input', { id: 'sikp-edit-title', maxlength: 300 });
    const question = el('textarea', { id: 'sikp-edit-question', rows: 2, maxlength: 2000 });
    const variants = el('textarea', { id: 'sikp-edit-variants', rows: 3 });
    const answer = el('textarea', { id: 'sikp-edit-answer', rows: 8, maxlength: 20000 });
    const keywords = el('input', { id: 'sikp-edit-keywords' });
    const note = el('input', { id: 'sikp-edit-note', maxlength: 500, placeholder: t('sikp.note') });
    title.value = a.title;
    question.value = a.question;
    variants.value = (a.variants || []).join('\n');
    answer.value = a.answer;
    keywords.value = (a.keywords || []).join(', ');
    const act = (fn, done) => async () => {
      try {
        await fn();
        await this.edit(id);
        document.getElementById('sikp-edit-message').textContent = done;
      } catch (err) {
        message.textContent = t('sikp.failed') + err.message;
      }
    };
    const save = () => api('PUT', `/api/sikp/articles/${encodeURIComponent(id)}`, {
      version: a.version, app: app.value, title: title.value, question: question.value, variants: lines(variants.value),
      answer: answer.value, keywords: keywords.value.split(',').map((s) => s.trim()).filter(Boolean),
      note: note.value || undefined });
    const into = el('input', { id: 'sikp-merge-into', placeholder: 'SIKP-EFL-0001', maxlength: 40 });
    const history = el('ol', { id: 'sikp-history', class: 'history' });
    const diff = el('div', { id: 'sikp-diff' });
    const versions = await api('GET', `/api/sikp/articles/${encodeURIComponent(id)}/versions`);
    versions.forEach((v) => history.append(el('li', {},
      `v${v.version} · ${formatTime(v.createdAt)} · ${v.author}${v.note ? ` · ${v.note}` : ''} `,
      v.version > 1 ? el('button', { type: 'button', class: 'link', text: t('sikp.showDiff'),
        onclick: () => this.showDiff(id, v.version - 1, v.version, diff) }) : null)));
    clear(this.view).append(el('div', { id: 'sikp-edit', 'data-sikp-id': a.id, 'data-status': a.status },
      el('h3', { text: `${a.id} · v${a.version}` }),
      el('p', { class: 'meta', id: 'sikp-edit-status', text: `${t('sikp.status.' + a.status)}${a.sourceTicketId
        ? ` · ${t('ticket')} #${a.sourceTicketId}` : ''}${a.mergedInto ? ` → ${a.mergedInto}` : ''}` }),
      el('label', { for: 'sikp-edit-app', text: t('application') }), app,
      el('label', { for: 'sikp-edit-title', text: t('sikp.fieldTitle') }), title,
      el('label', { for: 'sikp-edit-question', text: t('sikp.fieldQuestion') }), question,
      el('label', { for: 'sikp-edit-variants', text: t('sikp.fieldVariants') }), variants,
      el('label', { for: 'sikp-edit-answer', text: t('sikp.fieldAnswer') }), answer,
      el('label', { for: 'sikp-edit-keywords', text: t('sikp.fieldKeywords') }), keywords, note,
      el('div', { class: 'wf-actions' },
        el('button', { id: 'sikp-save', type: 'button', text: t('save'), onclick: act(save, t('saved')) }),
        a.status !== 'published' ? el('button', { id: 'sikp-publish', type: 'button', text: t('sikp.publish'),
          onclick: act(() => api('POST', `/api/sikp/articles/${encodeURIComponent(id)}/publish`, {}), t('sikp.publishedDone')) }) : null,
        a.status === 'draft' ? el('span', { class: 'inline' }, into, el('button', { id: 'sikp-merge', type: 'button',
          text: t('sikp.merge'), onclick: act(() => api('POST', `/api/sikp/articles/${encodeURIComponent(id)}/merge`,
            { into: into.value.trim() }), t('sikp.mergedDone')) })) : null,
        a.status !== 'retired' ? el('button', { id: 'sikp-retire', type: 'button', text: t('sikp.retire'),
          onclick: act(() => api('POST', `/api/sikp/articles/${encodeURIComponent(id)}/retire`, {}), t('sikp.retiredDone')) }) : null),
      message, el('h3', { text: t('sikp.history') }), history, diff));
  }

  async showDiff(id, from, to, area) {
    const d = await api('GET', `/api/sikp/articles/${encodeURIComponent(id)}/diff?from=${from}&to=${to}`);
    clear(area).append(el('h4', { text: `v${from} → v${to}` }), ...d.fields
      .filter((f) => f.ops.some((o) => o.op !== '='))
      .map((f) => el('div', { class: 'sikp-diff-field', 'data-field': f.field },
        el('strong', { text: t('sikp.field.' + f.field) }), el('p', { class: 'sikp-diff' }, diffNodes(f.ops)))));
  }
}

/** Knowledge gaps: questions answered without SIKP, grouped by their analysed terms, most frequent first. */
export class GapReport {
  constructor(root) {
    this.root = root;
  }

  async start() {
    const days = el('input', { id: 'sikp-gap-days', type: 'number', min: 1, max: 3650, value: 30 });
    const table = el('table', { id: 'sikp-gaps' });
    const load = async () => {
      const groups = await api('GET', `/api/sikp/gaps?days=${Number(days.value) || 30}`);
      clear(table).append(el('tr', {}, el('th', { text: t('sikp.term') }), el('th', { text: t('sikp.count') }),
        el('th', { text: t('sikp.related') }), el('th', { text: t('sikp.examples') })));
      groups.forEach((g) => table.append(el('tr', { 'data-term': g.term }, el('td', { text: g.term }),
        el('td', { text: String(g.count) }), el('td', { text: g.related.join(', ') }),
        el('td', {}, el('ul', {}, g.examples.map((x) => el('li', { text: `#${x.ticketId} · ${x.question}` })))))));
      if (groups.length === 0) table.append(el('tr', {}, el('td', { text: t('sikp.noGaps') })));
    };
    this.root.append(el('h3', { text: t('sikp.gaps') }), el('p', { class: 'hint', text: t('sikp.gapsHint') }),
      el('label', { for: 'sikp-gap-days', text: t('sikp.days') }), days,
      el('button', { type: 'button', text: t('sikp.show'), onclick: load }), table);
    load();
  }
}

/** Import from a JSONL file: sent in chunks; progress pushed on the importer's own bus address. */
export class ImportPage {
  constructor(root, me) {
    this.root = root;
    this.me = me;
  }

  start() {
    const file = el('input', { id: 'sikp-import-file', type: 'file', accept: '.jsonl,.json,.txt' });
    this.bar = el('progress', { id: 'sikp-import-progress', max: 1, value: 0 });
    this.status = el('p', { id: 'sikp-import-status', role: 'status' });
    this.errors = el('ul', { id: 'sikp-import-errors', class: 'history' });
    const go = el('button', { id: 'sikp-import-start', type: 'button', text: t('sikp.importStart'),
      onclick: () => file.files[0] && this.run(file.files[0]) });
    this.root.append(el('h3', { text: t('sikp.import') }), el('p', { class: 'hint', text: t('sikp.importHint') }),
      file, go, this.bar, this.status, this.errors);
  }

  show(p) {
    this.bar.max = Math.max(1, p.total);
    this.bar.value = p.done;
    this.status.textContent = `${p.done}/${p.total} · ${t('sikp.created')} ${p.created} · ${t('sikp.updated')} `
      + `${p.updated} · ${t('sikp.unchanged')} ${p.unchanged} · ${t('sikp.bad')} ${p.errors.length}`
      + (p.finished ? ` · ${t('sikp.importDone')}` : '');
    clear(this.errors);
    p.errors.forEach((e) => this.errors.append(el('li', { text: `${t('sikp.line')} ${e.line}: ${e.message}` })));
  }

  /**
   * Resumable: the server keeps the job and the last line it acknowledged. When a chunk gets no answer (a restart,
   * a lost connection) the page asks the job where to go on from and continues; a reloaded page given the same file
   * picks its job up again (its id is kept per file in localStorage until the import is finished).
   */
  async run(f) {
    const all = (await f.text()).split(/\r?\n/);
    const key = `klip.sikpImport:${f.name}:${f.size}:${f.lastModified}`;
    try {
      const job = (await this.unfinished(key)) || await api('POST', '/api/sikp/imports', { totalLines: all.length });
      localStorage.setItem(key, job.id);
      if (!ImportPage.bus) {
        ImportPage.bus = new Bus(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/eventbus/websocket`, () => {});
      }
      // Pushed progress moves the bar line by line; each chunk's answer also updates it (no socket needed).
      ImportPage.bus.register(job.address, (p) => p.importId === job.id && this.show(p));
      let first = job.nextLine - 1;
      let waitedMs = 0;
      while (first < all.length) {
        let end = first;
        let bytes = 0;
        while (end < all.length && end - first < CHUNK_LINES && bytes + all[end].length < CHUNK_BYTES) bytes += all[end++].length + 1;
        if (end === first) end++; // a single line over the chunk size is sent alone (and refused with its number)
        try {
          this.show(await api('POST', `/api/sikp/imports/${job.id}/chunks`, { firstLine: first + 1, lines: all.slice(first, end) }));
          first = end;
          waitedMs = 0;
        } catch (err) {
          if (![0, 409, 502, 503, 504].includes(err.status) || waitedMs >= RESUME_PATIENCE_MS) throw err;
          await new Promise((resolve) => setTimeout(resolve, RESUME_PAUSE_MS));
          waitedMs += RESUME_PAUSE_MS;
          const now = await api('GET', `/api/sikp/imports/${job.id}`).catch(() => null);
          if (now && now.state !== 'running') throw err;
          if (now) {
            first = now.nextLine - 1;
            this.status.textContent = t('sikp.importResuming') + now.nextLine;
          }
        }
      }
      this.show(await api('POST', `/api/sikp/imports/${job.id}/finish`, {}));
      localStorage.removeItem(key);
    } catch (err) {
      this.status.textContent = t('sikp.failed') + err.message;
    }
  }

  /** The job this file was being imported by, if it still takes chunks. */
  async unfinished(key) {
    const id = localStorage.getItem(key);
    if (!id) return null;
    const job = await api('GET', `/api/sikp/imports/${id}`).catch(() => null);
    if (!job || job.state !== 'running') {
      localStorage.removeItem(key);
      return null;
    }
    return Object.assign(job, { id });
  }
}
