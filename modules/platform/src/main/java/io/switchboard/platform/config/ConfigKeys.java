package io.switchboard.platform.config;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;

/**
 * The one naming rule for settings. Every setting has a lower-case dotted key such as
 * {@code http.port}. The same setting is read from:
 *
 * <ul>
 *   <li>a config file (JSON or YAML), nested ({@code {"http":{"port":8080}}}) or flat
 *       ({@code {"http.port":8080}});
 *   <li>an environment variable: {@code SWITCHBOARD_} + the key upper-cased with dots as
 *       underscores ({@code SWITCHBOARD_HTTP_PORT});
 *   <li>a system property: {@code switchboard.} + the key ({@code -Dswitchboard.http.port=8080});
 *   <li>a launcher flag where one exists ({@code --http-port}).
 * </ul>
 *
 * Later sources win in that order. A few well-known variables are accepted as aliases.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  public static final String ENV_PREFIX = "SWITCHBOARD_";
  public static final String SYS_PREFIX = "switchboard.";

  /** Conventional variable names used by operators and LiveKit tooling. */
  public static final Map<String, String> ENV_ALIASES =
      Map.of(
          "REDIS_URL", "redis.url",
          "MONGO_URL", "mongo.url",
          "LIVEKIT_URL", "livekit.url",
          "LIVEKIT_API_KEY", "livekit.api.key",
          "LIVEKIT_API_SECRET", "livekit.api.secret");

  /** {@code SWITCHBOARD_HTTP_PORT} → {@code http.port}; null when the name is not a setting. */
  public static String keyOfEnv(String envName) {
    if (ENV_ALIASES.containsKey(envName)) {
      return ENV_ALIASES.get(envName);
    }
    if (!envName.startsWith(ENV_PREFIX) || envName.length() == ENV_PREFIX.length()) {
      return null;
    }
    return envName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** {@code http.port} → {@code SWITCHBOARD_HTTP_PORT}. */
  public static String envOf(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Flattens nested objects into dotted keys: {@code {"a":{"b":1}}} → {@code {"a.b":1}}. */
  public static JsonObject flatten(JsonObject nested) {
    JsonObject flat = new JsonObject();
    flattenInto("", nested, flat);
    return flat;
  }

  private static void flattenInto(String prefix, JsonObject source, JsonObject target) {
    for (Map.Entry<String, Object> e : source) {
      String key = prefix + e.getKey().toLowerCase(Locale.ROOT);
      Object value = e.getValue();
      if (value instanceof JsonObject child) {
        flattenInto(key + ".", child, target);
      } else if (value instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        JsonObject child = new JsonObject((Map<String, Object>) map);
        flattenInto(key + ".", child, target);
      } else {
        target.put(key, value);
      }
    }
  }

  /** The settings carried by environment variables, as dotted keys. */
  public static JsonObject fromEnv(Map<String, String> env) {
    JsonObject out = new JsonObject();
    env.forEach(
        (name, value) -> {
          String key = keyOfEnv(name);
          if (key != null) {
            out.put(key, value);
          }
        });
    return out;
  }

  /** The settings carried by {@code switchboard.*} system properties, as dotted keys. */
  public static JsonObject fromSystemProperties(Map<Object, Object> props) {
    JsonObject out = new JsonObject();
    props.forEach(
        (k, v) -> {
          String name = String.valueOf(k);
          if (name.startsWith(SYS_PREFIX) && name.length() > SYS_PREFIX.length()) {
            out.put(name.substring(SYS_PREFIX.length()).toLowerCase(Locale.ROOT), String.valueOf(v));
          }
        });
    return out;
  }
}
