package io.switchboard.agent.provider;

/**
 * What a tool returned.
 *
 * @param result JSON value (object, array, string…) shown to supervisors and fed back to the LLM
 * @param debugKind debug event kind describing it ({@code tool}, or {@code rag} for retrieval)
 */
public record ToolResult(Object result, String debugKind) {}
