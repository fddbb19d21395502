package klip.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * All configuration, merged once at start-up: built-in defaults, then an optional JSON file, then
 * environment variables named {@code KLIP_*}. Keys are the environment variable names themselves
 * (e.g. {@code KLIP_HTTP_PORT}) so that the README documents one name per setting; structured
 * settings such as the roster ({@code KLIP_ROSTER}) can only come from the file.
 */
public final class Settings {

  public static final String CONFIG_FILE = "KLIP_CONFIG_FILE";

  private final JsonObject values;

  private Settings(JsonObject values) {
    this.values = values;
  }

  /** Defaults, then the file named by KLIP_CONFIG_FILE (or ./klip.json when present), then the environment. */
  public static Settings load(Map<String, String> env) {
    JsonObject merged = Defaults.values();
    String file = env.getOrDefault(CONFIG_FILE, "klip.json");
    Path path = Path.of(file);
    if (Files.isRegularFile(path)) {
      merged.mergeIn(readJson(path), true);
    } else if (env.containsKey(CONFIG_FILE)) {
      throw new IllegalStateException("Config file " + file + " (from " + CONFIG_FILE + ") does not exist");
    }
    env.forEach((key, value) -> {
      if (key.startsWith("KLIP_") && !key.equals(CONFIG_FILE)) {
        merged.put(key, value);
      }
    });
    // Secrets from files (Docker/Kubernetes secrets): KLIP_X_FILE=/run/secrets/x sets KLIP_X to the file's text.
    env.forEach((key, value) -> {
      if (key.startsWith("KLIP_") && key.endsWith("_FILE") && !key.equals(CONFIG_FILE)) {
        merged.put(key.substring(0, key.length() - "_FILE".length()), readSecret(key, Path.of(value)));
      }
    });
    return new Settings(merged);
  }

  /** Settings from an explicit JSON object over the defaults: what tests and benchmarks use. */
  public static Settings of(JsonObject overrides) {
    return new Settings(Defaults.values().mergeIn(overrides, true));
  }

  private static String readSecret(String key, Path path) {
    try {
      return Files.readString(path).strip();
    } catch (IOException e) {
      // The path may be logged; the content never is.
      throw new IllegalStateException("Cannot read " + key + " (" + path + "): " + e.getMessage(), e);
    }
  }

  private static JsonObject readJson(Path path) {
    try {
      return new JsonObject(Files.readString(path));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Cannot read config file " + path + ": " + e.getMessage(), e);
    }
  }

  public String string(String key) {
    Object value = values.getValue(key);
    return value == null ? null : String.valueOf(value);
  }

  public String string(String key, String fallback) {
    String value = string(key);
    return value == null || value.isBlank() ? fallback : value;
  }

  public int integer(String key) {
    String value = string(key);
    try {
      return Integer.parseInt(value.trim());
    } catch (RuntimeException e) {
      throw new IllegalStateException("Setting " + key + " must be a whole number, got '" + value + "'");
    }
  }

  public long longValue(String key) {
    String value = string(key);
    try {
      return Long.parseLong(value.trim());
    } catch (RuntimeException e) {
      throw new IllegalStateException("Setting " + key + " must be a whole number, got '" + value + "'");
    }
  }

  public boolean bool(String key) {
    String value = string(key);
    return value != null && (value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("yes"));
  }

  public JsonArray array(String key) {
    Object value = values.getValue(key);
    if (value instanceof JsonArray array) {
      return array;
    }
    if (value instanceof String text && !text.isBlank()) {
      return new JsonArray(text);
    }
    return new JsonArray();
  }

  public JsonObject asJson() {
    return values.copy();
  }
}
