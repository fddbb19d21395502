package klip.tickets;

import io.vertx.core.json.JsonObject;
import klip.http.ApiError;
import klip.http.Requests;

/** The agent's ticket form as saved: validated before anything touches the database. */
record TicketForm(int version, String application, String question, String notes) {

  static TicketForm from(JsonObject body) {
    Object version = body.getValue("version");
    if (!(version instanceof Number n) || n.intValue() < 1) {
      throw ApiError.badRequest("Kolom 'version' wajib diisi dengan versi tiket yang dimuat (version required)");
    }
    return new TicketForm(n.intValue(), Requests.optionalString(body, "application", 40),
        Requests.optionalString(body, "question", 4000), Requests.optionalString(body, "notes", 8000));
  }
}
