// One way for any panel to make sure what the agent typed is on the server before it acts on the ticket
// (ask the team leader, escalate, answer): the agent desk answers 'klip:before-action' with its save.
export async function saveBeforeAction(ticketId) {
  const waitFor = [];
  document.dispatchEvent(new CustomEvent('klip:before-action', { detail: { ticketId, waitFor } }));
  await Promise.all(waitFor);
}
