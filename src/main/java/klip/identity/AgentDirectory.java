package klip.identity;

import klip.access.Principal;
import java.util.Optional;

/** Who answers a phone interface: what telephony facts need to reach a person. */
public interface AgentDirectory {

  /** The active user whose phone is {@code memberInterface} (any form of it, e.g. with Local's /n). */
  Optional<Principal> byInterface(String memberInterface);

  /** The active user with this username. */
  Optional<Principal> byUsername(String username);

  /** The active team leader of {@code team} who has a phone (the first by username), for a transfer to them. */
  Optional<Principal> teamLeaderWithPhone(String team);
}
