package io.switchboard.agent.provider.scripted;

import io.switchboard.agent.provider.ToolRequest;

/** The agent's scripted answer to one customer line, optionally after a tool call. */
public record ScriptedReply(String text, ToolRequest tool) {}
