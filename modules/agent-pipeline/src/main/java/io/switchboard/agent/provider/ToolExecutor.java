package io.switchboard.agent.provider;

import io.vertx.core.Future;

/** Runs the functions an LLM asks for (CRM look-ups, knowledge-base search, transfers…). */
public interface ToolExecutor {
  Future<ToolResult> execute(ToolRequest request);

  /** For agents without tools: every request fails. */
  ToolExecutor NONE = request -> Future.failedFuture(new ProviderException("tool", "no tool named " + request.name()));
}
