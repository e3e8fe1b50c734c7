package io.switchboard.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed read access to the flat settings map (dotted keys, see {@link ConfigKeys}). Values may
 * arrive as JSON types (from a file) or as strings (from env or flags); both are accepted, and a
 * value of the wrong shape fails with a message that names the key.
 */
public final class Settings {
  private final JsonObject flat;

  public Settings(JsonObject flat) {
    this.flat = flat;
  }

  /** Settings from a verticle's deployment config, which may be nested or flat. */
  public static Settings of(JsonObject config) {
    return new Settings(ConfigKeys.flatten(config == null ? new JsonObject() : config));
  }

  public JsonObject asJson() {
    return flat.copy();
  }

  public boolean has(String key) {
    Object v = flat.getValue(key);
    return v != null && !(v instanceof String s && s.isBlank());
  }

  public Optional<String> optString(String key) {
    return has(key) ? Optional.of(String.valueOf(flat.getValue(key)).trim()) : Optional.empty();
  }

  public String string(String key, String def) {
    return optString(key).orElse(def);
  }

  /** This node's id ({@link CommonKeys#NODE_ID}, set by the launcher; {@code local} when a verticle runs on its own). */
  public String nodeId() {
    return string(CommonKeys.NODE_ID, "local");
  }

  public int integer(String key, int def) {
    return integer(key, def, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  public int integer(String key, int def, int min, int max) {
    if (!has(key)) {
      return def;
    }
    Object v = flat.getValue(key);
    int value;
    if (v instanceof Number n && n.doubleValue() == n.intValue()) {
      value = n.intValue();
    } else {
      try {
        value = Integer.parseInt(String.valueOf(v).trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(describe(key) + ": expected a whole number, got '" + v + "'");
      }
    }
    if (value < min || value > max) {
      throw new ConfigException(
          describe(key) + ": " + value + " is outside " + min + ".." + max);
    }
    return value;
  }

  public boolean bool(String key, boolean def) {
    if (!has(key)) {
      return def;
    }
    Object v = flat.getValue(key);
    if (v instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException(describe(key) + ": expected true or false, got '" + v + "'");
    };
  }

  public Duration millis(String key, Duration def) {
    return has(key) ? Duration.ofMillis(integer(key, 0, 0, Integer.MAX_VALUE)) : def;
  }

  /** A list from a JSON array or a comma-separated string. */
  public List<String> list(String key, List<String> def) {
    if (!has(key)) {
      return def;
    }
    Object v = flat.getValue(key);
    if (v instanceof JsonArray a) {
      return a.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    return Arrays.stream(String.valueOf(v).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /**
   * A map from a JSON object under the key ({@code key.a=1,key.b=2} after flattening) or a string
   * {@code a=1,b=2}.
   */
  public Map<String, String> map(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    String prefix = key + ".";
    for (Map.Entry<String, Object> e : flat) {
      if (e.getKey().startsWith(prefix)) {
        out.put(e.getKey().substring(prefix.length()), String.valueOf(e.getValue()));
      }
    }
    if (has(key)) {
      for (String pair : list(key, List.of())) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new ConfigException(describe(key) + ": expected name=value pairs, got '" + pair + "'");
        }
        out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return out;
  }

  private static String describe(String key) {
    return "setting " + key + " (" + ConfigKeys.envOf(key) + ")";
  }
}
