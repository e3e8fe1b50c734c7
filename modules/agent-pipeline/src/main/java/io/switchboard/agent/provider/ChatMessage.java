package io.switchboard.agent.provider;

/**
 * One message of a chat prompt. Roles follow the OpenAI chat API: system, user, assistant, tool
 * (tool messages carry the tool's name in {@code name}).
 */
public record ChatMessage(String role, String content, String name) {
  public static ChatMessage system(String content) {
    return new ChatMessage("system", content, null);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage("user", content, null);
  }

  public static ChatMessage assistant(String content) {
    return new ChatMessage("assistant", content, null);
  }

  public static ChatMessage tool(String name, String content) {
    return new ChatMessage("tool", content, name);
  }
}
