package io.switchboard.agent.provider;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.util.List;

/** A chat model that streams its answer token by token. */
public interface LanguageModel {
  /**
   * @param messages the conversation so far, system prompt first
   * @param onToken called for each streamed text fragment, on the caller's context
   * @return the whole reply once the stream ends
   */
  Future<LlmReply> stream(List<ChatMessage> messages, Handler<String> onToken);
}
