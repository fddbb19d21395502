/**
 * Shared plumbing for applying facts taken from Asterisk durably: a per-consumer queue that keeps each call's
 * facts in order and retries them while the database is away, and the backlog figures /health and /metrics show.
 * Imports no capability.
 */
package klip.facts;
