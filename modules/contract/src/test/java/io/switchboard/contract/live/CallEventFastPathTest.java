package io.switchboard.contract.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast path answers "certainly valid" only for events the JSON Schema validator accepts, so
 * {@link CallEventSchemas#problem} gives the validator's verdict and message for every event; and
 * it does take the common valid events (else it would buy nothing).
 */
class CallEventFastPathTest {
  private static final CallEventSchemas SCHEMAS = new CallEventSchemas();
  private static final List<String> TYPES = List.of("transcript", "agent_state", "tool_call", "metrics", "call_started", "sentiment", "nope", "");

  @Property(tries = 3000)
  void certainlyValidOnlyWhenTheValidatorAgrees(@ForAll("events") JsonObject event) {
    if (CallEventFastPath.certainlyValid(event)) {
      assertNull(SCHEMAS.validatorProblem(event), shown(event));
    }
    assertEquals(SCHEMAS.validatorProblem(event), SCHEMAS.problem(event), shown(event));
  }

  @Property(tries = 500)
  void commonValidEventsTakeTheFastPath(@ForAll("validCommonEvents") JsonObject event) {
    assertNull(SCHEMAS.validatorProblem(event), shown(event));
    assertTrue(CallEventFastPath.certainlyValid(event), shown(event));
  }

  private static String shown(JsonObject event) {
    String s = event.encode();
    return s.length() > 300 ? s.substring(0, 300) + "… (" + s.length() + " chars)" : s;
  }

  @Provide
  Arbitrary<JsonObject> validCommonEvents() {
    Arbitrary<String> room = Arbitraries.strings().withChars("abcXYZ019_-").ofMinLength(1).ofMaxLength(128);
    Arbitrary<String> session = Arbitraries.strings().withChars("abcXYZ019_-.:").ofMinLength(1).ofMaxLength(128);
    Arbitrary<JsonObject> data = Arbitraries.oneOf(
        Combinators.combine(Arbitraries.of("user", "agent", "supervisor"), Arbitraries.strings().ofMaxLength(200), Arbitraries.of(true, false))
            .as((role, text, fin) -> new JsonObject().put("role", role).put("text", text).put("final", fin).put("segment_id", "s1")),
        Arbitraries.of("initializing", "listening", "thinking", "speaking", "paused", "lost", "ended").map(s -> new JsonObject().put("state", s).put("ts", 12)),
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(128).map(n -> new JsonObject().put("name", n).put("args", new JsonObject().put("q", 1)).put("result", "ok").put("duration_ms", 3.5)),
        Arbitraries.longs().between(0, 100_000).map(ms -> new JsonObject().put("stt_ms", ms).put("e2e_ms", ms * 2.5).put("model", "x")));
    return Combinators.combine(room, session, data).as((r, s, d) -> {
      String type = d.containsKey("role") ? "transcript" : d.containsKey("state") ? "agent_state" : d.containsKey("name") ? "tool_call" : "metrics";
      return new JsonObject().put("room_name", r).put("session_id", s).put("event_type", type).put("data", d);
    });
  }

  /** Valid-looking events with any of their members missing, mistyped, out of range or extra. */
  @Provide
  Arbitrary<JsonObject> events() {
    Arbitrary<Object> anyValue = Arbitraries.oneOf(
        Arbitraries.just(null), Arbitraries.of(true, false), Arbitraries.integers().between(-5, 5).map(i -> (Object) i),
        Arbitraries.longs().map(l -> (Object) l), Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1.0, -1.5).map(d -> (Object) d),
        strings().map(s -> (Object) s), // fresh objects per try: one shared instance could be put into itself by two mutations
        // (data := {a:1}, then data.x := {a:1}) and recurse forever in hashCode (seen once)
        Arbitraries.create(() -> new JsonObject().put("a", 1)), Arbitraries.create(() -> new JsonArray().add(1)));
    Arbitrary<String> key = Arbitraries.of("room_name", "session_id", "event_type", "event_id", "ts", "v", "data", "extra",
        "role", "text", "final", "segment_id", "language", "state", "name", "args", "result", "duration_ms",
        "stt_ms", "e2e_ms", "tokens", "custom", "agent", "customer", "supervision", "metadata");
    // mostly valid rooms, so that the data checks are reached
    Arbitrary<String> room = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.strings().withChars("abcXYZ019_-").ofMinLength(1).ofMaxLength(128)), net.jqwik.api.Tuple.of(1, strings()));
    Arbitrary<JsonObject> base = Combinators.combine(Arbitraries.of(TYPES), room, strings()).as((type, r, text) -> {
      JsonObject data = switch (type) {
        case "transcript" -> new JsonObject().put("role", "user").put("text", text).put("final", true);
        case "agent_state" -> new JsonObject().put("state", "thinking");
        case "tool_call" -> new JsonObject().put("name", "lookup").put("args", "x");
        case "metrics" -> new JsonObject().put("stt_ms", 10).put("e2e_ms", 20.5);
        default -> new JsonObject().put("agent", text);
      };
      return new JsonObject().put("room_name", r).put("session_id", "s-1").put("event_type", type).put("data", data);
    });
    Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 3), key, anyValue, Arbitraries.of(true, false))
        .as(Mutation::new);
    return Combinators.combine(base, mutation.list().ofMaxSize(3)).as((event, ms) -> {
      for (Mutation m : ms) {
        m.apply(event);
      }
      return event;
    });
  }

  /** Strings near the schemas' edges: the room alphabet, boundary lengths, unicode, a trailing newline. */
  private static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("abcXYZ019_-.:").ofMinLength(0).ofMaxLength(130),
        Arbitraries.strings().ofMinLength(0).ofMaxLength(20),
        Arbitraries.of("", "room-1", "room 1", "room-1\n", "é", "a".repeat(128), "a".repeat(129), "x".repeat(8000), "x".repeat(8001),
            "😀".repeat(4000), "😀".repeat(4001), "user", "agent", "listening", "observer"));
  }

  record Mutation(int kind, String key, Object value, boolean inData) {
    void apply(JsonObject event) {
      JsonObject target = inData && event.getValue("data") instanceof JsonObject d ? d : event;
      switch (kind) {
        case 0 -> target.remove(key);
        default -> target.put(key, value);
      }
    }
  }
}
