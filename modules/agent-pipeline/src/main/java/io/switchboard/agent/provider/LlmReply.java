package io.switchboard.agent.provider;

import java.util.List;

/**
 * A finished LLM reply: either text to speak or tool calls to run first.
 *
 * @param tokens number of streamed fragments (a cheap usage indicator)
 */
public record LlmReply(String text, List<ToolRequest> toolCalls, int tokens) {
  public static LlmReply text(String text, int tokens) {
    return new LlmReply(text, List.of(), tokens);
  }

  public boolean wantsTools() {
    return !toolCalls.isEmpty();
  }
}
