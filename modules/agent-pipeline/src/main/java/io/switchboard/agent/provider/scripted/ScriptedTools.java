package io.switchboard.agent.provider.scripted;

import io.switchboard.agent.provider.ProviderException;
import io.switchboard.agent.provider.ToolExecutor;
import io.switchboard.agent.provider.ToolRequest;
import io.switchboard.agent.provider.ToolResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;

/** Tools whose results and latencies come from the scenario data. */
public final class ScriptedTools implements ToolExecutor {
  /** One scripted tool: its result, nominal latency and debug kind ({@code tool} or {@code rag}). */
  public record Spec(Object result, long durationMs, String debugKind) {}

  private final Vertx vertx;
  private final Map<String, Spec> tools;
  private final ScriptedTimings timings;

  public ScriptedTools(Vertx vertx, Map<String, Spec> tools, ScriptedTimings timings) {
    this.vertx = vertx;
    this.tools = Map.copyOf(tools);
    this.timings = timings;
  }

  @Override
  public Future<ToolResult> execute(ToolRequest request) {
    Spec spec = tools.get(request.name());
    if (spec == null) {
      return Future.failedFuture(new ProviderException("tool", "no tool named " + request.name()));
    }
    Promise<ToolResult> p = Promise.promise();
    vertx.setTimer(timings.scale(spec.durationMs()), id -> p.complete(new ToolResult(spec.result(), spec.debugKind())));
    return p.future();
  }
}
