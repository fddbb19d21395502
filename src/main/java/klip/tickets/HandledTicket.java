package klip.tickets;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A ticket of a call that was answered, as the service-level report counts it.
 *
 * @param day            the Jakarta calendar day it was received
 * @param answeredOnSpot moved to answered while the call was still on (or the call has not ended)
 */
public record HandledTicket(long id, LocalDate day, String agent, String status, OffsetDateTime createdAt,
                            OffsetDateTime resolvedAt, boolean answeredOnSpot) {
}
