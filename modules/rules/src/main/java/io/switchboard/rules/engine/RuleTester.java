package io.switchboard.rules.engine;

import io.switchboard.contract.live.EventType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one rule over a pasted transcript ({@code POST /api/rules/test}) and says which lines fire
 * it. Each line is judged on its own (the live once-per-call limit would hide every later match).
 * Lines are "customer: …" / "agent: …" (also "user:", "caller:", "bot:"; no prefix = customer), or
 * a JSON array of {role, text}. Sentiment and timed conditions need the live system: the reply says
 * which conditions cannot be judged offline.
 */
public final class RuleTester {
  private static final List<String> OFFLINE = List.of("phrase", "regex", "language", "agent");

  public record Line(String speaker, String text) {}

  public static List<Line> parse(Object transcript) {
    List<Line> out = new ArrayList<>();
    if (transcript instanceof JsonArray a) {
      for (Object o : a) {
        if (o instanceof JsonObject j) {
          out.add(new Line(speaker(j.getString("role", "customer")), j.getString("text", "")));
        }
      }
      return out;
    }
    for (String raw : String.valueOf(transcript == null ? "" : transcript).split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      String who = colon > 0 && colon < 16 ? line.substring(0, colon).strip().toLowerCase(Locale.ROOT) : "";
      if (List.of("customer", "user", "caller", "agent", "bot", "assistant").contains(who)) {
        out.add(new Line(speaker(who), line.substring(colon + 1).strip()));
      } else {
        out.add(new Line("customer", line));
      }
    }
    return out;
  }

  private static String speaker(String who) {
    return switch (who.toLowerCase(Locale.ROOT)) {
      case "agent", "bot", "assistant" -> "agent";
      default -> "customer";
    };
  }

  /** {fired:[{line, seq, speaker}], lines, untestable:[condition types]}; {@code language}/{@code agent} as the test call's. */
  public static JsonObject run(CompiledRule rule, List<Line> lines, String language, String agent) {
    JsonArray fired = new JsonArray();
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      CallState call = new CallState("test", "test", 0);
      call.apply(new Observation("test", "test", 0, EventType.CALL_STARTED.wire(),
          new JsonObject().put("language", language).put("agent", agent), 0));
      Observation o = new Observation("test", "test", i + 1, EventType.TRANSCRIPT.wire(),
          new JsonObject().put("role", l.speaker().equals("agent") ? "agent" : "user").put("text", l.text()).put("final", true), 0);
      call.apply(o);
      if (rule.holds(call, o)) {
        fired.add(new JsonObject().put("line", i).put("seq", i + 1).put("speaker", l.speaker()).put("condition", rule.deciding(call, o)));
      }
    }
    JsonArray untestable = new JsonArray();
    rule.conditions().stream().map(Condition::type).filter(t -> !OFFLINE.contains(t)).distinct().forEach(untestable::add);
    return new JsonObject().put("fired", fired).put("lines", lines.size()).put("untestable", untestable);
  }
}
