package io.switchboard.contract.live;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * A hand-written check of the commonest call events (transcript, agent_state, tool_call, metrics)
 * that answers only "certainly valid" or "not sure". It runs before the JSON Schema validator,
 * which costs ≈ 20 µs per event (bench/BOTTLENECKS.md): a "certainly valid" event skips the
 * validator, anything else (including every invalid event) goes through it, so the verdict and the
 * error message are always the schema's. It accepts a strict subset of what the schemas in
 * {@code /schemas/} accept; {@code CallEventFastPathTest} checks that against the validator on
 * generated valid and invalid events. When a schema changes, change this class with it.
 */
final class CallEventFastPath {
  private static final Set<String> ROLES = Set.of("user", "agent", "supervisor");
  private static final Set<String> AGENT_STATES = Set.of("initializing", "listening", "thinking", "speaking", "paused", "lost", "ended");
  private static final Set<String> METRICS_NUMBERS = Set.of("stt_ms", "llm_ttft_ms", "llm_total_ms", "tts_ttfb_ms", "tts_ms", "e2e_ms", "tokens");
  private static final Set<String> ENVELOPE = Set.of("room_name", "session_id", "event_type", "event_id", "ts", "data", "v");

  private CallEventFastPath() {}

  /** True only when the body is certainly valid against the envelope and its data schema. */
  static boolean certainlyValid(JsonObject body) {
    if (!envelope(body)) {
      return false;
    }
    JsonObject data = (JsonObject) body.getValue("data");
    return switch ((String) body.getValue("event_type")) {
      case "transcript" -> transcript(data);
      case "agent_state" -> agentState(data);
      case "tool_call" -> toolCall(data);
      case "metrics" -> metrics(data);
      default -> false;
    };
  }

  private static boolean envelope(JsonObject body) {
    if (!(body.getValue("room_name") instanceof String room) || !token(room, false)) {
      return false;
    }
    if (!(body.getValue("event_type") instanceof String) || !(body.getValue("data") instanceof JsonObject)) {
      return false;
    }
    for (Map.Entry<String, Object> e : body) {
      Object v = e.getValue();
      switch (e.getKey()) {
        case "session_id" -> {
          if (v != null && !(v instanceof String s && token(s, true))) {
            return false;
          }
        }
        case "event_id" -> {
          if (!(v instanceof String s && !s.isEmpty() && s.length() <= 128)) {
            return false;
          }
        }
        case "ts" -> {
          if (!nonNegative(v)) {
            return false;
          }
        }
        case "v" -> {
          if (!(v instanceof Integer || v instanceof Long)) {
            return false;
          }
        }
        default -> {
          // room_name, event_type, data checked above; other members are allowed as they are
          if (!ENVELOPE.contains(e.getKey()) && !plain(v)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static boolean transcript(JsonObject d) {
    if (!(d.getValue("role") instanceof String role) || !ROLES.contains(role)) {
      return false;
    }
    if (!(d.getValue("text") instanceof String text) || text.length() > 8000) {
      return false;
    }
    for (Map.Entry<String, Object> e : d) {
      Object v = e.getValue();
      boolean ok = switch (e.getKey()) {
        case "role", "text" -> true;
        case "final" -> v instanceof Boolean;
        case "segment_id" -> v instanceof String s && !s.isEmpty() && s.length() <= 128;
        case "ts" -> nonNegative(v);
        case "language" -> v instanceof String s && s.length() <= 16;
        default -> plain(v);
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean agentState(JsonObject d) {
    if (!(d.getValue("state") instanceof String s) || !AGENT_STATES.contains(s)) {
      return false;
    }
    for (Map.Entry<String, Object> e : d) {
      boolean ok = switch (e.getKey()) {
        case "state" -> true;
        case "ts" -> nonNegative(e.getValue());
        default -> plain(e.getValue());
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean toolCall(JsonObject d) {
    if (!(d.getValue("name") instanceof String n) || n.isEmpty() || n.length() > 128) {
      return false;
    }
    for (Map.Entry<String, Object> e : d) {
      Object v = e.getValue();
      boolean ok = switch (e.getKey()) {
        case "name" -> true;
        case "args" -> v == null || v instanceof String || v instanceof JsonObject || v instanceof io.vertx.core.json.JsonArray;
        case "duration_ms" -> nonNegative(v);
        default -> true; // "result" is any JSON; other members are not constrained
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean metrics(JsonObject d) {
    for (Map.Entry<String, Object> e : d) {
      Object v = e.getValue();
      boolean ok = METRICS_NUMBERS.contains(e.getKey()) ? nonNegative(v) : v instanceof String || finiteNumber(v);
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** ^[A-Za-z0-9_-]{1,128}$ (room) or ^[A-Za-z0-9_.:-]{1,128}$ (session), without a regex. */
  private static boolean token(String s, boolean session) {
    int n = s.length();
    if (n == 0 || n > 128) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
          || (session && (c == '.' || c == ':'));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean finiteNumber(Object v) {
    return v instanceof Integer || v instanceof Long || (v instanceof Double d && Double.isFinite(d));
  }

  private static boolean nonNegative(Object v) {
    return finiteNumber(v) && ((Number) v).doubleValue() >= 0;
  }

  /** A JSON value of the kinds a decoded body holds (anything else is left to the validator). */
  private static boolean plain(Object v) {
    return v == null || v instanceof String || v instanceof Boolean || finiteNumber(v)
        || v instanceof JsonObject || v instanceof io.vertx.core.json.JsonArray;
  }
}
