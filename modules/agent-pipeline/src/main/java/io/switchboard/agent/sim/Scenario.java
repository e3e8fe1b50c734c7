package io.switchboard.agent.sim;

import io.switchboard.agent.provider.ToolRequest;
import io.switchboard.agent.provider.scripted.ReplyBook;
import io.switchboard.agent.provider.scripted.ScriptedReply;
import io.switchboard.agent.provider.scripted.ScriptedTools;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One simulated conversation, read from a data file under {@code scenarios/} (see
 * {@code scenarios/README.md} for the format). {@code {customer}} in any line is replaced by the
 * caller's first name.
 */
public record Scenario(
    String id,
    String language,
    int weight,
    String agent,
    String systemPrompt,
    List<String> customers,
    String greeting,
    List<Turn> turns,
    Map<String, ScriptedTools.Spec> tools,
    String fallback,
    String guideReply,
    String handback,
    List<Ending> endings) {

  /** A customer line and the agent's answer, optionally after a tool call. */
  public record Turn(String customer, String agent, ToolRequest tool) {}

  /** How the call ends, with a relative weight. */
  public record Ending(String reason, int weight, String transferTarget) {}

  public static Scenario fromJson(JsonObject j) {
    List<Turn> turns = new ArrayList<>();
    for (Object o : j.getJsonArray("turns")) {
      JsonObject t = (JsonObject) o;
      JsonObject tool = t.getJsonObject("tool");
      turns.add(new Turn(t.getString("customer"), t.getString("agent"),
          tool == null ? null : new ToolRequest(tool.getString("name"), tool.getJsonObject("args", new JsonObject()))));
    }
    Map<String, ScriptedTools.Spec> tools = new LinkedHashMap<>();
    j.getJsonObject("tools", new JsonObject()).forEach(e -> {
      JsonObject t = (JsonObject) e.getValue();
      tools.put(e.getKey(), new ScriptedTools.Spec(t.getValue("result"), t.getLong("duration_ms", 300L), t.getString("debug_kind", "tool")));
    });
    List<Ending> endings = new ArrayList<>();
    for (Object o : j.getJsonArray("endings", new JsonArray().add(new JsonObject().put("reason", "completed")))) {
      JsonObject e = (JsonObject) o;
      endings.add(new Ending(e.getString("reason"), e.getInteger("weight", 1), e.getString("transfer_target")));
    }
    List<String> customers = j.getJsonArray("customers").stream().map(String::valueOf).toList();
    Scenario s = new Scenario(j.getString("id"), j.getString("language", "en"), j.getInteger("weight", 1),
        j.getString("agent", "switchboard-agent"), j.getString("system_prompt", "You are a helpful contact-centre agent."),
        customers, j.getString("greeting"), List.copyOf(turns), tools, j.getString("fallback"),
        j.getString("guide_reply"), j.getString("handback"), List.copyOf(endings));
    s.check();
    return s;
  }

  private void check() {
    if (id == null || turns.isEmpty() || customers.isEmpty() || greeting == null || fallback == null
        || guideReply == null || !guideReply.contains("{instruction}") || handback == null) {
      throw new IllegalArgumentException("scenario " + id + ": needs id, customers, greeting, turns, fallback, "
          + "guide_reply with {instruction}, handback");
    }
    for (Turn t : turns) {
      if (t.tool() != null && !tools.containsKey(t.tool().name())) {
        throw new IllegalArgumentException("scenario " + id + ": tool " + t.tool().name() + " has no entry in tools");
      }
    }
  }

  /** The agent's lines for one caller. */
  public ReplyBook replyBook(String firstName) {
    Map<String, ScriptedReply> replies = new LinkedHashMap<>();
    for (Turn t : turns) {
      replies.put(fill(t.customer(), firstName), new ScriptedReply(fill(t.agent(), firstName), t.tool()));
    }
    return new ReplyBook(replies, fill(fallback, firstName), fill(guideReply, firstName), fill(handback, firstName));
  }

  public static String fill(String line, String firstName) {
    return line.replace("{customer}", firstName);
  }

  public Ending pickEnding(Random random) {
    int total = endings.stream().mapToInt(Ending::weight).sum();
    int r = random.nextInt(Math.max(1, total));
    for (Ending e : endings) {
      r -= e.weight();
      if (r < 0) {
        return e;
      }
    }
    return endings.get(0);
  }
}
