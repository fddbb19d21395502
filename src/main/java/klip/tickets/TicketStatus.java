package klip.tickets;

import java.util.Arrays;
import java.util.Optional;

/** The ticket's lifecycle status as stored and sent (English codes; the Bahasa Indonesia labels live in i18n.js). */
public enum TicketStatus {
  RECEIVED("received"),
  TL_DISCUSSION("tl_discussion"),
  ANSWERED("answered"),
  ESCALATED("escalated"),
  DIRECTORATE_ANSWERED("directorate_answered"),
  DELIVERED("delivered"),
  CLOSED("closed");

  private final String code;

  TicketStatus(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<TicketStatus> fromCode(String code) {
    return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
  }

  @Override
  public String toString() {
    return code;
  }
}
