package io.switchboard.agent.provider;

import io.vertx.core.json.JsonObject;

/** A function call requested by the LLM. */
public record ToolRequest(String name, JsonObject args) {}
