package io.switchboard.sentiment.eval;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One labelled multi-turn call of an escalation set (a JSONL line): the turns in order and the
 * index of the turn where the first alert should fire, or -1 when none should.
 */
public record Conversation(String id, List<Turn> turns, int alertAt, List<String> reasons) {
  /** A line of the call: customer or agent, with optional agent latency and tool error. */
  public record Turn(boolean customer, String text, long agentLatencyMs, boolean toolError) {}

  public static List<Conversation> readJsonl(Path file) throws IOException {
    List<Conversation> out = new ArrayList<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        out.add(fromJson(new JsonObject(line)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(file + " line " + lineNo + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Already-parsed lines (tests). */
  public static List<Conversation> readJsonl(List<JsonObject> lines) {
    return lines.stream().map(Conversation::fromJson).toList();
  }

  static Conversation fromJson(JsonObject j) {
    List<Turn> turns = new ArrayList<>();
    JsonArray arr = j.getJsonArray("turns");
    if (arr == null || arr.isEmpty()) {
      throw new IllegalArgumentException("no turns");
    }
    for (int i = 0; i < arr.size(); i++) {
      JsonObject t = arr.getJsonObject(i);
      String role = t.getString("role", "");
      if (!role.equals("customer") && !role.equals("agent")) {
        throw new IllegalArgumentException("turn " + i + ": role must be customer or agent");
      }
      turns.add(new Turn(role.equals("customer"), t.getString("text", ""), t.getLong("agent_latency_ms", -1L), t.getBoolean("tool_error", false)));
    }
    Integer at = j.getInteger("alert_at");
    if (at != null && (at < 0 || at >= turns.size() || !turns.get(at).customer())) {
      throw new IllegalArgumentException("alert_at must index a customer turn");
    }
    JsonArray reasons = j.getJsonArray("reasons", new JsonArray());
    return new Conversation(j.getString("id", "?"), turns, at == null ? -1 : at, reasons.stream().map(String::valueOf).toList());
  }
}
