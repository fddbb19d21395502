package klip.identity;

import klip.access.Roles;
import klip.access.Principal;
import klip.Addresses;

/**
 * Which browser-bound event-bus addresses a signed-in person may receive. Every outbound address embeds the
 * identity it is for; a browser registering any other address is refused, whatever it asks for.
 * Browsers publish nothing onto the bus: all their input goes through the HTTP API and its access table.
 */
public final class BridgePolicy {

  private BridgePolicy() {
  }

  public static boolean mayReceive(Principal who, String address) {
    if (who == null || address == null) {
      return false;
    }
    if (address.equals(Addresses.agentPops(who.username()))
        || address.startsWith(Addresses.bridgeReadyPrefix(who.username()))) {
      return true;
    }
    // A team's live board: that team's leaders only.
    if (who.hasRole(Roles.TEAM_LEADER) && who.team() != null && address.equals(Addresses.teamBoard(who.team()))) {
      return true;
    }
    if (address.equals(Addresses.ESCALATION_DESK) || address.equals(Addresses.DIRECTORATE_INBOX)) {
      return who.hasRole(Roles.ESCALATION_AGENT) || who.hasRole(Roles.ADMIN);
    }
    if ((who.hasRole(Roles.SIKP_EDITOR) || who.hasRole(Roles.ADMIN)) && address.equals(Addresses.sikpImport(who.username()))) {
      return true;
    }
    return who.hasRole(Roles.TEAM_LEADER) && address.equals(Addresses.teamLeaderInbox(who.username()));
  }
}
