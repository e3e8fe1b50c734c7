package io.switchboard.redaction;

import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.LogLine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.Map;

/**
 * Redacts the text-carrying parts of a call as it leaves live state: transcript and supervisor
 * lines' {@code text}, tool calls' {@code args}/{@code result}, lifecycle {@code detail}, and the
 * hash fields {@code customer} and {@code interim}. The previous agent line is the context of each
 * customer line. Inputs are not modified; counts add up over the whole call.
 */
public final class CallRedactor {
  private final Redactor redactor;

  public CallRedactor(Redactor redactor) {
    this.redactor = redactor;
  }

  public Redactor redactor() {
    return redactor;
  }

  /** A call's redacted fields and lines, and the counts per type. */
  public record Result(JsonObject fields, JsonArray lines, Map<PiiType, Integer> counts) {
    public JsonObject countsJson() {
      JsonObject out = new JsonObject();
      counts.forEach((t, n) -> out.put(t.key(), n));
      return out;
    }
  }

  public Result redact(JsonObject fields, JsonArray lines) {
    Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
    JsonObject f = fields == null ? new JsonObject() : fields.copy();
    JsonArray out = new JsonArray();
    if (redactor.config().enabled()) {
      redactField(f, CallFields.CUSTOMER, counts);
      if (f.getValue(CallFields.INTERIM) instanceof JsonObject interim) {
        f.put(CallFields.INTERIM, line(interim.copy(), null, counts));
      } else {
        redactField(f, CallFields.INTERIM, counts);
      }
    }
    String previousAgent = null;
    for (Object o : lines == null ? new JsonArray() : lines) {
      if (!(o instanceof JsonObject l)) {
        out.add(o);
        continue;
      }
      JsonObject copy = l.copy();
      if (!redactor.config().enabled()) {
        out.add(copy);
        continue;
      }
      boolean agent = "agent".equals(copy.getValue("role"));
      String text = copy.getValue("text") instanceof String s ? s : null;
      out.add(line(copy, agent ? null : previousAgent, counts));
      if (agent && LogLine.KIND_TRANSCRIPT.equals(LogLine.kind(copy))) {
        previousAgent = text;
      }
    }
    return new Result(f, out, counts);
  }

  /** Redacts one log line in place (its text and, for tool calls and lifecycle, its payload). */
  public JsonObject line(JsonObject line, String previousAgentLine, Map<PiiType, Integer> counts) {
    if (line.getValue("text") instanceof String text) {
      Redaction r = redactor.redact(text, previousAgentLine);
      line.put("text", r.text());
      r.counts().forEach((t, n) -> counts.merge(t, n, Integer::sum));
    }
    for (String key : new String[] {"args", "result", "detail"}) {
      if (line.containsKey(key)) {
        line.put(key, deep(line.getValue(key), counts));
      }
    }
    return line;
  }

  private void redactField(JsonObject f, String key, Map<PiiType, Integer> counts) {
    if (f.getValue(key) instanceof String s) {
      Redaction r = redactor.redact(s);
      f.put(key, r.text());
      r.counts().forEach((t, n) -> counts.merge(t, n, Integer::sum));
    }
  }

  private Object deep(Object v, Map<PiiType, Integer> counts) {
    if (v instanceof String s) {
      Redaction r = redactor.redact(s);
      r.counts().forEach((t, n) -> counts.merge(t, n, Integer::sum));
      return r.text();
    }
    if (v instanceof JsonObject o) {
      JsonObject copy = new JsonObject();
      o.forEach(e -> copy.put(e.getKey(), deep(e.getValue(), counts)));
      return copy;
    }
    if (v instanceof JsonArray a) {
      JsonArray copy = new JsonArray();
      a.forEach(x -> copy.add(deep(x, counts)));
      return copy;
    }
    return v;
  }
}
