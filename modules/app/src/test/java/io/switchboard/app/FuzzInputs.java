package io.switchboard.app;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.EventType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of bad (and some good) input for {@link FuzzTest}: JSON values of every type, events
 * with mutated fields, raw bytes with invalid UTF-8, huge and deeply nested documents, bridge frames.
 */
final class FuzzInputs {
  private FuzzInputs() {}

  static final List<String> EVENT_TYPES = Arrays.stream(EventType.values()).map(EventType::wire).toList();
  static final List<String> TOP_FIELDS = List.of("room_name", "session_id", "event_type", "data", "ts", "event_id", "v");
  static final List<String> DATA_FIELDS = List.of(
      "role", "text", "final", "segment_id", "language", "state", "reason", "room_sid", "seq", "label", "score",
      "confidence", "name", "args", "result", "agent", "customer", "metadata", "action", "identity", "by", "stt_ms",
      "call", "new_escalations", "transfer_target", "ts");
  /** Invalid UTF-8: lone continuation, overlong, surrogate half, truncated sequence, 0xFF. */
  static final byte[][] BAD_UTF8 = {
    {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
    {(byte) 0xFF}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {0}};

  static Arbitrary<String> anyString() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(10, Arbitraries.strings().ofMaxLength(40)),
        net.jqwik.api.Tuple.of(6, Arbitraries.strings().all().ofMaxLength(300)),
        net.jqwik.api.Tuple.of(4, Arbitraries.of("", " ", "null", "true", "0", "-1", "1e999", "../../etc/passwd", "%00", "<script>",
            "call.history", "history", "ended", "a.b", "\u0000", "\uFFFF", "😀", "ⓢⓦ", "\r\nX-Injected: 1")),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 5).map(n -> "x".repeat(n * 20_000))));
  }

  static Arbitrary<Object> leaf() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.of(true, false),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, -0.0, Double.MAX_VALUE, Double.MIN_VALUE).map(o -> (Object) o),
        anyString().map(s -> (Object) s));
  }

  /** Any JSON value, nested up to {@code depth}. */
  static Arbitrary<Object> json(int depth) {
    if (depth <= 0) {
      return leaf();
    }
    Arbitrary<Object> inner = Arbitraries.lazy(() -> json(depth - 1));
    Arbitrary<Object> array = inner.list().ofMaxSize(4).map(l -> (Object) new JsonArray(new ArrayList<>(l)));
    Arbitrary<Object> object = Combinators.combine(anyString().list().ofMaxSize(4), inner.list().ofMaxSize(4))
        .as((keys, values) -> {
          JsonObject o = new JsonObject();
          for (int i = 0; i < Math.min(keys.size(), values.size()); i++) {
            o.put(keys.get(i), values.get(i));
          }
          return (Object) o;
        });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, leaf()), net.jqwik.api.Tuple.of(1, array), net.jqwik.api.Tuple.of(1, object));
  }

  /** Plausible data for a type, so some events get past the schema into the write path. */
  static JsonObject plausibleData(String type, int n) {
    return switch (type) {
      case "transcript" -> new JsonObject().put("role", n % 2 == 0 ? "user" : "agent").put("text", "fuzz line " + n)
          .put("final", n % 5 != 0).put("segment_id", "seg-" + n);
      case "agent_state" -> new JsonObject().put("state", "thinking");
      case "metrics" -> new JsonObject().put("stt_ms", n);
      case "tool_call" -> new JsonObject().put("name", "lookup").put("args", new JsonObject().put("id", n));
      case "call_ended" -> new JsonObject().put("reason", n % 3 == 0 ? "completed" : "made-up-" + n);
      case "sentiment" -> new JsonObject().put("seq", n % 7).put("label", "negative").put("score", -0.5);
      case "debug" -> new JsonObject().put("kind", "state").put("n", n);
      default -> new JsonObject().put("n", n);
    };
  }

  /** A well-formed event for the room, before mutation. */
  static Arbitrary<JsonObject> baseEvent() {
    return Combinators.combine(rooms(), Arbitraries.of(EVENT_TYPES), Arbitraries.integers().between(0, 50))
        .as((room, type, n) -> new JsonObject().put("room_name", room).put("session_id", "fz-" + (n % 3))
            .put("event_type", type).put("data", plausibleData(type, n)));
  }

  static Arbitrary<String> rooms() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(12).map(s -> "fz-" + s),
        anyString());
  }

  /** One change to an event: a field of any type, a field removed, an unknown field added. */
  static Arbitrary<java.util.function.UnaryOperator<JsonObject>> mutation() {
    Arbitrary<java.util.function.UnaryOperator<JsonObject>> setTop =
        Combinators.combine(Arbitraries.of(TOP_FIELDS), json(3)).as((f, v) -> e -> e.put(f, v));
    Arbitrary<java.util.function.UnaryOperator<JsonObject>> setData =
        Combinators.combine(Arbitraries.of(DATA_FIELDS), json(3)).as((f, v) -> e -> {
          if (e.getValue("data") instanceof JsonObject d) {
            d.put(f, v);
          }
          return e;
        });
    Arbitrary<java.util.function.UnaryOperator<JsonObject>> remove = Arbitraries.of(TOP_FIELDS).map(f -> e -> {
      e.remove(f);
      return e;
    });
    Arbitrary<java.util.function.UnaryOperator<JsonObject>> unknown =
        Combinators.combine(anyString(), json(2)).as((k, v) -> e -> e.put("x-" + k, v));
    return Arbitraries.oneOf(setTop, setData, setData, remove, unknown);
  }

  static Arbitrary<JsonObject> mutatedEvent() {
    return Combinators.combine(baseEvent(), mutation().list().ofMinSize(0).ofMaxSize(4)).as((e, ms) -> {
      JsonObject out = e;
      for (var m : ms) {
        out = m.apply(out);
      }
      return out;
    });
  }

  /** Bytes that are not (or not only) a valid JSON text. */
  static Arbitrary<byte[]> brokenBytes(Arbitrary<byte[]> valid) {
    Arbitrary<byte[]> injectBadUtf8 = Combinators.combine(valid, Arbitraries.integers().between(0, 1_000_000),
        Arbitraries.of(BAD_UTF8)).as((b, at, bad) -> splice(b, b.length == 0 ? 0 : at % b.length, bad));
    Arbitrary<byte[]> truncate = Combinators.combine(valid, Arbitraries.integers().between(0, 1_000_000))
        .as((b, at) -> Arrays.copyOf(b, b.length == 0 ? 0 : at % b.length));
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
    Arbitrary<byte[]> deep = Arbitraries.integers().between(100, 200_000).map(n -> ("[".repeat(n) + "]".repeat(n)).getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> deepObject = Arbitraries.integers().between(100, 50_000)
        .map(n -> ("{\"a\":".repeat(n) + "1" + "}".repeat(n)).getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> odd = Arbitraries.of("", "null", "[]", "\"x\"", "1e400", "-", "{\"room_name\":", "{\"a\":1,\"a\":2}",
        "\uFEFF{}", "{\"room_name\":\"r\",\"room_name\":7}", "NaN", "{\"data\":{}}").map(s -> s.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(injectBadUtf8, truncate, random, deep, deepObject, odd);
  }

  static byte[] splice(byte[] b, int at, byte[] insert) {
    byte[] out = new byte[b.length + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at, out, at + insert.length, b.length - at);
    return out;
  }

  /** A bridge frame as a browser or agent could send it: any type, address, body, headers. */
  static Arbitrary<JsonObject> bridgeFrame(List<String> tokens) {
    Arbitrary<String> address = Arbitraries.oneOf(
        Arbitraries.of(Addresses.class.getFields()).map(f -> {
          try {
            return String.valueOf(f.get(null));
          } catch (IllegalAccessException e) {
            return "x";
          }
        }),
        // built by hand: Addresses.call refuses names that are not rooms, and those are the point
        rooms().map(r -> "call." + r),
        rooms().map(r -> "call." + r + ".debug"),
        rooms().map(r -> "agent." + r + ".control"),
        anyString());
    Arbitrary<JsonObject> headers = Arbitraries.oneOf(
        Arbitraries.of(tokens).map(t -> new JsonObject().put("authorization", "Bearer " + t).put("token", t)),
        json(2).map(v -> new JsonObject().put("authorization", v).put("token", v)),
        Arbitraries.just(new JsonObject()));
    return Combinators.combine(
            Arbitraries.of("send", "publish", "register", "unregister", "ping", "pong", "rec", "message", "err", "", "SEND"),
            address, json(3), headers, Arbitraries.oneOf(Arbitraries.just((String) null), anyString(), Arbitraries.of("r-1")))
        .as((type, addr, body, h, reply) -> {
          JsonObject f = new JsonObject().put("type", type).put("address", addr).put("body", body).put("headers", h);
          if (reply != null) {
            f.put("replyAddress", reply);
          }
          return f;
        });
  }
}
