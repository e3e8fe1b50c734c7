package io.switchboard.agent.provider.scripted;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a scripted agent says: replies keyed by the customer line they answer, plus the lines for
 * turns no customer line explains (fallback, supervisor guidance, hand-back).
 *
 * @param guideTemplate agent line for a supervisor instruction; {@code {instruction}} is replaced
 */
public record ReplyBook(Map<String, ScriptedReply> replies, String fallback, String guideTemplate, String handback) {
  public ReplyBook {
    Map<String, ScriptedReply> normalised = new HashMap<>();
    replies.forEach((k, v) -> normalised.put(key(k), v));
    replies = Map.copyOf(normalised);
  }

  public ScriptedReply replyTo(String customerLine) {
    ScriptedReply r = replies.get(key(customerLine));
    return r != null ? r : new ScriptedReply(fallback, null);
  }

  public String guideReply(String instruction) {
    return guideTemplate.replace("{instruction}", instruction.strip());
  }

  private static String key(String line) {
    return line.strip().toLowerCase(Locale.ROOT);
  }
}
