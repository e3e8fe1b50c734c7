package io.switchboard.agent.runtime;

import io.vertx.core.json.JsonObject;

/**
 * Who and what one call session is.
 *
 * @param greeting first agent line, spoken without an LLM round-trip
 * @param systemPrompt the agent's instructions (first message of every prompt)
 * @param metadata extra call_started metadata (scenario id…); may be empty
 */
public record SessionSpec(
    String room,
    String sessionId,
    String agentName,
    String customer,
    String language,
    String greeting,
    String systemPrompt,
    JsonObject metadata) {}
