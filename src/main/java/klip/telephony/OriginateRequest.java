package klip.telephony;

import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AMI Originate as other capabilities ask for it over {@link klip.Addresses#ORIGINATE}: the channel to
 * ring first, then either a dialplan target (context, exten, priority) or an application with its data.
 */
public record OriginateRequest(String channel, String context, String exten, Integer priority, String application,
                               String data, String callerId, long timeoutMs, Map<String, String> variables) {

  public OriginateRequest {
    if (channel == null || channel.isBlank()) {
      throw new IllegalArgumentException("Originate needs a channel");
    }
    if ((application == null) == (exten == null)) {
      throw new IllegalArgumentException("Originate needs either an application or an extension, not both");
    }
  }

  public static OriginateRequest fromJson(JsonObject json) {
    Map<String, String> vars = new LinkedHashMap<>();
    JsonObject v = json.getJsonObject("variables", new JsonObject());
    v.forEach(e -> vars.put(e.getKey(), String.valueOf(e.getValue())));
    return new OriginateRequest(json.getString("channel"), json.getString("context"), json.getString("exten"),
        json.getInteger("priority"), json.getString("application"), json.getString("data"),
        json.getString("callerId"), json.getLong("timeoutMs", 30_000L), vars);
  }

  public JsonObject toJson() {
    JsonObject vars = new JsonObject();
    variables.forEach(vars::put);
    return new JsonObject().put("channel", channel).put("context", context).put("exten", exten)
        .put("priority", priority).put("application", application).put("data", data).put("callerId", callerId)
        .put("timeoutMs", timeoutMs).put("variables", vars);
  }
}
