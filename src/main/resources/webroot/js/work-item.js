// One ticket in the agent's hands: the ticket, what the pop showed (taxpayers, caller history) and the draft of
// what was typed. The draft goes to the server as the agent types (debounced), versioned so a stale tab gets a
// 409 instead of overwriting newer typing; flush() also saves the ticket form itself when it changed.
import { api } from './api.js';

const DRAFT_DEBOUNCE_MS = 500;
const FORM_FIELDS = ['application', 'question', 'notes'];

export class WorkItem {
  constructor(ticket, taxpayers, history, draft) {
    this.ticket = ticket;
    this.taxpayers = taxpayers || [];
    this.history = history || [];
    this.draft = draft || { version: 0, fields: {} };
    this.saving = Promise.resolve();
    this.timer = null;
    this.dirty = false;
  }

  get id() { return this.ticket.id; }

  /** The value a field shows: the draft when one was typed, else what the ticket holds. */
  value(key) {
    if (this.draft.fields[key] != null) return this.draft.fields[key];
    return FORM_FIELDS.includes(key) ? (this.ticket[key] || '') : '';
  }

  typed() {
    return Object.values(this.draft.fields).some((v) => v != null && String(v).trim() !== '');
  }

  /** Unfinished work is never replaced by a new pop: a call on, an answered call not yet handled, or typing. */
  unfinished() {
    const open = ['received', 'tl_discussion'].includes(this.ticket.status || 'received');
    const onCall = ['ringing', 'connected'].includes(this.ticket.callStatus);
    return onCall || (open && (this.ticket.answeredAt != null || this.ticket.callStatus === 'ended' || this.typed()));
  }

  set(key, value) {
    this.draft.fields[key] = value;
    this.dirty = true;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.saveDraft(), DRAFT_DEBOUNCE_MS);
  }

  /** Runs writes to this ticket one after another, so each names the version the previous one produced. */
  queue(write) {
    const next = this.saving.catch(() => {}).then(write);
    this.saving = next;
    return next;
  }

  saveDraft() {
    clearTimeout(this.timer);
    return this.queue(() => this.putDraft());
  }

  /** Attaches the taxpayer the agent chose (or the one the pop showed as chosen). */
  attach(body) {
    return this.queue(async () => {
      const r = await api('POST', `/api/tickets/${this.id}/taxpayer`, body);
      this.ticket.version = r.version;
      this.ticket.taxpayerId = r.taxpayerId;
      return r;
    });
  }

  async putDraft() {
    if (!this.dirty) return;
    this.dirty = false;
    const fields = { ...this.draft.fields };
    try {
      const r = await api('PUT', `/api/tickets/${this.id}/draft`, { version: this.draft.version, fields });
      this.draft.version = r.version;
    } catch (err) {
      if (err.status !== 409) { this.dirty = true; throw err; }
      // Another tab saved in between: this tab's typing is the newest, so it goes on top of that version.
      const server = await api('GET', `/api/tickets/${this.id}/draft`);
      const r = await api('PUT', `/api/tickets/${this.id}/draft`, { version: server.version, fields });
      this.draft.version = r.version;
    }
  }

  /**
   * Draft first; then the taxpayer the pop showed as chosen (the only one behind the number) once the call was
   * taken or something typed; then the ticket form when what is typed differs from what the ticket holds.
   */
  async flush() {
    // The draft is the safety net, not the record: a draft that could not be written (it stays marked for the
    // next save) must not stop the ticket itself from being saved.
    await this.saveDraft().catch(() => {});
    const worked = this.ticket.answeredAt != null || this.typed();
    if (worked && this.ticket.taxpayerId == null && this.taxpayers.length === 1) {
      await this.attach({ taxpayerId: this.taxpayers[0].id });
    }
    await this.queue(() => this.saveForm());
  }

  async saveForm() {
    const form = {};
    FORM_FIELDS.forEach((k) => { form[k] = this.value(k); });
    const changed = FORM_FIELDS.some((k) => (form[k] || '') !== (this.ticket[k] || ''));
    if (!changed) return;
    const r = await api('PUT', `/api/tickets/${this.id}`, {
      version: this.ticket.version, application: form.application || null, question: form.question, notes: form.notes,
    });
    this.ticket.version = r.version;
    FORM_FIELDS.forEach((k) => { this.ticket[k] = form[k]; });
  }
}
