package io.switchboard.redaction;

import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.LogLine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Redacts live messages on their way to a viewer-role dashboard: room deltas and history
 * ({@code lines}, {@code interim}), list deltas and snapshots ({@code customer}, {@code interim}
 * of each summary), agent debug events (every string of {@code data}). The body is copied, never changed in place (other sockets get the same
 * message). The last agent line seen per room is kept as the context for the next customer line,
 * so "one two three" after "what's the security code?" becomes {@code [cvv]} even when the two
 * lines arrive in separate deltas.
 */
public final class LiveRedaction {
  private static final int MAX_DEPTH = 4;
  private static final int MAX_ROOMS = 10_000;

  private final CallRedactor calls;
  private final Map<String, String> lastAgentLine = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX_ROOMS;
    }
  };

  public LiveRedaction(RedactionConfig config) {
    this.calls = new CallRedactor(new Redactor(config));
  }

  /** Whether viewer dashboards get redacted lines ({@code redaction.enabled} and {@code redaction.viewer.live}). */
  public boolean active() {
    return calls.redactor().config().enabled() && calls.redactor().config().viewerLive();
  }

  /** A redacted copy of a message body bound for a viewer. */
  public JsonObject redact(JsonObject body) {
    String room = body.getValue("room") instanceof String r ? r : "";
    return (JsonObject) walk(body, room, 0);
  }

  private Object walk(Object value, String room, int depth) {
    if (value instanceof JsonObject o) {
      String here = o.getValue("room") instanceof String r ? r : room;
      JsonObject copy = new JsonObject();
      for (Map.Entry<String, Object> e : o) {
        Object v = e.getValue();
        switch (e.getKey()) {
          case "lines" -> copy.put("lines", v instanceof JsonArray a ? lines(a, here) : v);
          case CallFields.INTERIM -> copy.put(CallFields.INTERIM, v instanceof JsonObject i
              ? calls.line(i.copy(), lastAgent(here), new EnumMap<>(PiiType.class))
              : v instanceof String s ? calls.redactor().redact(s, lastAgent(here)).text() : v);
          case CallFields.CUSTOMER -> copy.put(CallFields.CUSTOMER, v instanceof String s ? calls.redactor().redact(s).text() : v);
          // agent debug events ({kind, data}) can quote what was said: every string in them
          case "data" -> copy.put("data", calls.line(new JsonObject().put("detail", v), null, new EnumMap<>(PiiType.class)).getValue("detail"));
          default -> copy.put(e.getKey(), depth < MAX_DEPTH ? walk(v, here, depth + 1) : v);
        }
      }
      return copy;
    }
    if (value instanceof JsonArray a && depth < MAX_DEPTH) {
      JsonArray copy = new JsonArray();
      a.forEach(x -> copy.add(walk(x, room, depth + 1)));
      return copy;
    }
    return value;
  }

  private JsonArray lines(JsonArray lines, String room) {
    JsonArray out = new JsonArray();
    for (Object o : lines) {
      if (!(o instanceof JsonObject l)) {
        out.add(o);
        continue;
      }
      boolean agentLine = "agent".equals(l.getValue("role")) && LogLine.KIND_TRANSCRIPT.equals(LogLine.kind(l));
      String text = l.getValue("text") instanceof String s ? s : null;
      out.add(calls.line(l.copy(), agentLine ? null : lastAgent(room), new EnumMap<>(PiiType.class)));
      if (agentLine && text != null) {
        synchronized (lastAgentLine) {
          lastAgentLine.put(room, text);
        }
      }
    }
    return out;
  }

  private String lastAgent(String room) {
    synchronized (lastAgentLine) {
      return lastAgentLine.get(room);
    }
  }
}
