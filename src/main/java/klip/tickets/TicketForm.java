package klip.tickets;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.common.dsl.ObjectSchemaBuilder;
import io.vertx.json.schema.common.dsl.Schemas;
import klip.http.Fields;
import klip.http.RequestInput;

/** The agent's ticket form as saved: checked against {@link #schema()} before anything touches the database. */
record TicketForm(int version, String application, String question, String notes) {

  /** The form's body as a JSON schema: the ticket version the agent loaded, and the fields. */
  static ObjectSchemaBuilder schema() {
    return Schemas.objectSchema()
        .requiredProperty("version", Fields.whole(1, Integer.MAX_VALUE))
        .optionalProperty("application", Fields.text(40))
        .optionalProperty("question", Fields.text(4000))
        .optionalProperty("notes", Fields.text(8000));
  }

  static TicketForm from(JsonObject body) {
    return new TicketForm(body.getInteger("version"), RequestInput.text(body, "application"),
        RequestInput.text(body, "question"), RequestInput.text(body, "notes"));
  }
}
