package klip.facts;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How facts travel the event bus without a copy per consumer. A call fact has four or five local consumers
 * (tickets, the board, recordings, agent controls), and a screen-pop a bridge socket or two, and Vert.x's JSON codec
 * would deep-copy the object for every one of them so that none can change what another reads. A fact is frozen
 * instead, its fields and lists unmodifiable, and the same object reaches every local consumer; a consumer that
 * wants to add to it copies it. A fact sent to another node goes as JSON and arrives frozen as well; every node
 * that publishes or receives such facts registers the codec ({@link #register}).
 */
public final class FrozenFacts implements MessageCodec<JsonObject, JsonObject> {

  static final String NAME = "klip.frozen-fact";
  /** To this node's consumers and, should an address have any, other nodes' (a pop to a browser's node). */
  public static final DeliveryOptions ANY_NODE = new DeliveryOptions().setCodecName(NAME);
  /** On this node only, as every call fact from AMI (applied once, by the node owning AMI). */
  public static final DeliveryOptions NODE_LOCAL = new DeliveryOptions(ANY_NODE).setLocalOnly(true);

  private FrozenFacts() {
  }

  /** Registers the codec on this node's event bus (once: a second telephony verticle on it finds it there). */
  public static synchronized void register(EventBus bus) {
    try {
      bus.registerCodec(new FrozenFacts());
    } catch (IllegalStateException alreadyRegistered) {
      // The codec is per event bus, and this one has it already.
    }
  }

  /**
   * The fact, unmodifiable from here on, nested objects and lists included. The caller hands it over: its own
   * fields are wrapped, not copied.
   */
  public static JsonObject freeze(JsonObject fact) {
    Map<String, Object> fields = fact.getMap();
    fields.replaceAll((key, value) -> frozen(value));
    return new JsonObject(Collections.unmodifiableMap(fields));
  }

  private static Object frozen(Object value) {
    if (value instanceof JsonObject object) {
      return freeze(object);
    }
    if (value instanceof JsonArray array) {
      List<Object> items = new ArrayList<>(array.size());
      array.getList().forEach(item -> items.add(frozen(item)));
      return new JsonArray(Collections.unmodifiableList(items));
    }
    return value;
  }

  @Override
  public void encodeToWire(Buffer buffer, JsonObject fact) {
    Buffer encoded = fact.toBuffer();
    buffer.appendInt(encoded.length());
    buffer.appendBuffer(encoded);
  }

  @Override
  public JsonObject decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return freeze(new JsonObject(buffer.slice(pos + 4, pos + 4 + length)));
  }

  /** Local delivery: the same frozen fact for every consumer. */
  @Override
  public JsonObject transform(JsonObject fact) {
    return fact;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
