package klip;

/**
 * Every event-bus address, in one place. Server-side addresses are dotted lowercase by capability;
 * browser-bound ones all start with {@link #BROWSER_PREFIX} so the bridge can permit exactly those, and
 * each embeds the identity it is for, which the bridge checks against the socket's session.
 */
public final class Addresses {

  // Telephony publishes call facts (JSON from LiveCall plus the fact's own fields).
  public static final String CALL_RINGING = "telephony.call.ringing";
  public static final String CALL_ANSWERED = "telephony.call.answered";
  public static final String CALL_ENDED = "telephony.call.ended";
  public static final String CALL_MISSED = "telephony.call.missed";
  /**
   * MixMonitor started on a call: {callId, uniqueId, file (as Asterisk named it, may be null), eventAt, afterRing
   * (an agent rang before: otherwise the ringing fact carries the recording too)}.
   */
  public static final String CALL_RECORDING = "telephony.call.recording";
  /** AMI connection up or down: {up, reconnects}. */
  public static final String AMI_STATUS = "telephony.ami.status";
  /** Request: the live calls as the model knows them (JSON array). */
  public static final String CALLS_SNAPSHOT = "telephony.calls.snapshot";
  /** Request: send an AMI Originate; body as in {@code klip.telephony.OriginateRequest}. */
  public static final String ORIGINATE = "telephony.originate";
  /**
   * Request {interface, paused, reason, queue (optional)}: AMI QueuePause for that member; replies once Asterisk
   * accepted it (the QueueMemberPause event follows on {@link #AGENT_STATE}); fails 409 when Asterisk refuses
   * (not a member), 503 when it cannot be asked.
   */
  public static final String MEMBER_PAUSE = "telephony.member.pause";
  /** Request {channel}: AMI Hangup of that channel; fails 409 when Asterisk has no such channel, 503 as above. */
  public static final String CHANNEL_HANGUP = "telephony.channel.hangup";
  /**
   * Request {callerChannel, agentChannel, hold}: hold (AMI Redirect of both to the klip-hold context) or take off
   * hold (AMI Bridge of the two); fails 409 when Asterisk has no such channel, 503 when it cannot be asked.
   */
  public static final String CALL_HOLD = "telephony.call.hold";
  /**
   * Request {agentChannel, callerChannel, target: queue|leader, leaderUsername, leaderInterface}: AMI BlindTransfer
   * of the agent's channel into the klip-transfer context (for a leader, Setvar of the leader's phone on the
   * caller's channel first); fails 409 when Asterisk refuses, 503 when it cannot be asked.
   */
  public static final String CALL_TRANSFER = "telephony.call.transfer";
  /**
   * A connected call was transferred away from its agent (BlindTransfer): LiveCall JSON plus fromInterface, target
   * (the transfer context's extension: queue, or leader-&lt;username&gt;) and eventAt. Its next ring moves the ticket.
   */
  public static final String CALL_TRANSFERRED = "telephony.call.transferred";
  /** Agent state changes from the queue (member status, pause); JSON of {@code klip.telephony.MemberState}. */
  public static final String AGENT_STATE = "telephony.agent.state";
  /** A caller joined a queue (LiveCall JSON plus eventAt). */
  public static final String CALL_QUEUED = "telephony.call.queued";
  /** ChanSpy started / stopped on a call: LiveCall JSON plus spyerChannel, spyeeChannel, eventAt. */
  public static final String SPY_STARTED = "telephony.spy.started";
  public static final String SPY_STOPPED = "telephony.spy.stopped";
  /** Request {@code {channel, digit}}: the digit as if keyed on the spyer phone (ChanSpy d: 4 listen, 5 whisper, 6 barge). */
  public static final String SPY_SWITCH = "telephony.spy.switch";
  /** Request {@code {channel}}: hangs up a spyer channel, which ends its ChanSpy; replies true. */
  public static final String SPY_HANG_UP = "telephony.spy.hangup";
  /** After every (re)connect's resync: the live calls (JSON array), the whole truth that replaces any view. */
  public static final String CALLS_RESYNCED = "telephony.calls.resynced";
  /**
   * After the resync of every start and reconnect: what Asterisk says is live, for reconciling what was open in
   * PostgreSQL. {@code {at: when Asterisk was asked (ms), reason: start|reconnect, liveCallIds: [Linkedid...],
   * knownEnds: {Linkedid: ms}}}; {@code knownEnds} (optional) gives the end time of calls that ended unseen when
   * Asterisk's own records tell it, otherwise the ticket's latest known time is used.
   */
  public static final String CALLS_RECONCILE = "telephony.calls.reconcile";

  // Tickets.
  public static final String TICKET_OPENED = "tickets.opened";
  public static final String TICKET_UPDATED = "tickets.updated";
  /** A ticket was answered: {ticketId, answer, source: sikp|discussion|directorate, articleId, articleVersion,
   * question, application, actor, at}; a discussion answer is what the QA section reviews for SIKP. */
  public static final String TICKET_ANSWERED = "tickets.answered";
  /** A pop went out to an agent: {ticketId, popId, agent, callId}. */
  public static final String POP_SENT = "tickets.pop.sent";
  /** A re-send pass for an agent's reconnected browser finished: {agent, count} (count pops sent again). */
  public static final String POPS_RESENT = "tickets.pops.resent";
  /** A missed call was recorded for the callback list. */
  public static final String MISSED_CALL_RECORDED = "tickets.missed";
  /**
   * An answered call ended and its recording is due (committed with the end): {ticketId, callId, answered,
   * answeredAt, firstSeenAt, eventAt, recordingUniqueId, recordingFile}. Settled with {@link #RECORDING_SETTLED}.
   */
  public static final String RECORDING_DUE = "tickets.recording.due";
  /** Request: every recording due and not settled yet (JSON array of {@link #RECORDING_DUE} bodies). */
  public static final String RECORDINGS_DUE = "tickets.recordings.due";
  /** Request {callId}: the call's recording is linked or flagged missing; replies true once recorded. */
  public static final String RECORDING_SETTLED = "tickets.recording.settled";

  // Identity.
  /** Published (cluster-wide) with the sending directory's id after an administrator changed a user: reload. */
  public static final String USERS_CHANGED = "identity.users.changed";

  // Audit.
  /** Send {actor, action, target, detail, remoteAddress}: appends to the hash-chained audit log, replies true. */
  public static final String AUDIT_RECORD = "audit.record";
  // Database.
  /** Published {down: true} when the embedded postmaster is found gone, {restarted: true, pid} once it runs again. */
  public static final String DATABASE_STATUS = "db.status";
  // Escalation: the outbox publisher sends ESCALATION_RAISED as a request and marks the row
  // published on the desk consumer's reply; OUTBOX_KICK tells the publisher a commit is waiting.
  public static final String ESCALATION_RAISED = "escalation.raised";
  public static final String OUTBOX_KICK = "escalation.outbox.kick";
  /** Deadline warnings and overdue alerts: {ticketId, kind: warning|overdue, deadlineAt, agent, team}. */
  public static final String DEADLINE_ALERT = "escalation.deadline.alert";
  /** One pass of the SOP clocks finished: {pass, deadlineAlerts, discussionAlerts} (alerts this pass sent). */
  public static final String ESCALATION_CLOCKS_CHECKED = "escalation.clocks.checked";

  // Recordings and QA.
  /** A stored file failed a check: {kind: missing|sha256_mismatch|..., recordingId, ticketId, callId, detail}. */
  public static final String RECORDING_ALERT = "recordings.alert";
  /** A recording was linked to its ticket: {recordingId, ticketId, callId, kind}. */
  public static final String RECORDING_LINKED = "recordings.linked";

  // Supervision: requests from its HTTP API to the verticle that owns the live board.
  /** Request {team} → the board JSON of that team. */
  public static final String SUPERVISION_BOARD = "supervision.board";
  /** Request {principal, callId, mode} → {joinId, ...}; fails with an HTTP status code and message. */
  public static final String SUPERVISION_JOIN = "supervision.join";
  /** Request {@code {principal, callId}}: ends the team leader's monitoring session on the call. */
  public static final String SUPERVISION_LEAVE = "supervision.leave";
  /** Request {principal, note} → the raised hand; fails with an HTTP status code and message. */
  public static final String SUPERVISION_RAISE_HAND = "supervision.hand.raise";
  /** Request {principal, handId} → the lowered hand; fails with an HTTP status code and message. */
  public static final String SUPERVISION_LOWER_HAND = "supervision.hand.lower";
  /** Published {joinId, callId, teamLeader, mode, seconds} once a team leader's join is over and recorded. */
  public static final String SUPERVISION_JOIN_ENDED = "supervision.join.ended";
  /** Published {handId, callId, agent, team, note, ticketId} when an agent raises a hand. */
  public static final String HAND_RAISED = "supervision.hand.raised";

  // Agent controls.
  /** Request {interface} → that agent's state as the queue reports it: {state, reason, since, serverTime}. */
  public static final String CONTROLS_AGENT_STATE = "controls.agent.state";
  /**
   * Request (no body) → every queue member's last known state as a JSON array of {@link #AGENT_STATE} facts (the
   * fields reported so far merged): how a capability deployed after telephony learns the first resync's members.
   */
  public static final String CONTROLS_MEMBERS = "controls.members";
  /**
   * Published when an agent's after-call work ends: {interface, ticketId, why: finished|max_time|replaced,
   * unpaused} (unpaused false when the agent had chosen another state meanwhile, which is kept; ticketId -1 when
   * work found paused at a restart had no ticket).
   */
  public static final String CONTROLS_ACW_ENDED = "controls.acw.ended";

  // SIKP: requests from its HTTP APIs to the verticle that owns the index (the only code that touches it).
  /** Request {text, app, limit} → the suggestions (JSON array, see {@code klip.sikp.SikpService#suggest}). */
  public static final String SIKP_SUGGEST = "sikp.suggest";
  /** Request {id}: the stored article changed; replied once searches see it (fails 404 for an unknown id). */
  public static final String SIKP_ARTICLE_CHANGED = "sikp.article.changed";
  /** Request {}: re-read every stored article (after an import); replied once searches see them. */
  public static final String SIKP_RESYNC = "sikp.resync";
  /** Request {days} → the knowledge-gap report (JSON array). */
  public static final String SIKP_GAPS = "sikp.gaps";

  // Browser-bound addresses: only these cross the bridge, and only to their owner.
  public static final String BROWSER_PREFIX = "browser.";

  /**
   * A browser's per-connection readiness address, {@code browser.ready.<username>.<nonce>}, registered after its
   * other addresses: the bridge answers {ready: true} on it once registered, which proves the others are.
   */
  public static String bridgeReadyPrefix(String username) {
    return BROWSER_PREFIX + "ready." + username + ".";
  }

  /** The pops (and later other pushes) for one agent. */
  public static String agentPops(String username) {
    return BROWSER_PREFIX + "agent." + username + ".pops";
  }

  /** The live board of one team, for that team's team leaders. */
  public static String teamBoard(String team) {
    return BROWSER_PREFIX + "team." + team + ".board";
  }

  /** The escalation desk (every escalation agent): new escalations, directorate replies, deadline alerts. */
  public static final String ESCALATION_DESK = BROWSER_PREFIX + "desk.escalations";

  /** The built-in demo inbox of the Direktorat TIP: escalations forwarded through the demo channel. */
  public static final String DIRECTORATE_INBOX = BROWSER_PREFIX + "directorate.inbox";

  /** One team leader's inbox: discussions asked of them, agents' follow-ups, deadline alerts of their team. */
  public static String teamLeaderInbox(String username) {
    return BROWSER_PREFIX + "tl." + username + ".inbox";
  }

  /** Progress of an SIKP import started by this editor or admin: {importId, done, total, created, ..., finished}. */
  public static String sikpImport(String username) {
    return BROWSER_PREFIX + "sikp." + username + ".import";
  }

  private Addresses() {
  }
}
