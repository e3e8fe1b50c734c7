package io.switchboard.agent.provider.openai;

import io.switchboard.agent.provider.ToolRequest;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses a streamed chat completion: server-sent events whose {@code data:} lines carry
 * {@code {"choices":[{"delta":{"content":"…"}}]}} chunks, ending with {@code data: [DONE]}.
 * Chunks may split lines anywhere, so bytes are buffered until a newline.
 */
final class SseChatParser {
  private static final int RAW_KEEP = 2048;

  private final Handler<String> onToken;
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder raw = new StringBuilder();
  private final Map<Integer, String[]> tools = new TreeMap<>();
  private Buffer pending = Buffer.buffer();
  private int tokens;
  private boolean done;

  SseChatParser(Handler<String> onToken) {
    this.onToken = onToken;
  }

  void feed(Buffer chunk) {
    if (raw.length() < RAW_KEEP) {
      raw.append(chunk.toString(StandardCharsets.UTF_8));
    }
    pending = pending.appendBuffer(chunk);
    int start = 0;
    for (int i = 0; i < pending.length(); i++) {
      if (pending.getByte(i) == '\n') {
        line(pending.getString(start, i, "UTF-8"));
        start = i + 1;
      }
    }
    pending = pending.getBuffer(start, pending.length());
  }

  private void line(String line) {
    String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    if (!l.startsWith("data:")) {
      return; // comments, event names, blank separators
    }
    String payload = l.substring(5).trim();
    if (payload.equals("[DONE]")) {
      done = true;
      return;
    }
    JsonObject chunk;
    try {
      chunk = new JsonObject(payload);
    } catch (DecodeException e) {
      return; // a malformed keep-alive is not worth failing the turn
    }
    JsonArray choices = chunk.getJsonArray("choices");
    if (choices == null || choices.isEmpty()) {
      return;
    }
    JsonObject delta = choices.getJsonObject(0).getJsonObject("delta", new JsonObject());
    String content = delta.getString("content");
    if (content != null && !content.isEmpty()) {
      tokens++;
      text.append(content);
      onToken.handle(content);
    }
    JsonArray calls = delta.getJsonArray("tool_calls");
    if (calls != null) {
      for (int i = 0; i < calls.size(); i++) {
        JsonObject call = calls.getJsonObject(i);
        JsonObject fn = call.getJsonObject("function", new JsonObject());
        String[] acc = tools.computeIfAbsent(call.getInteger("index", 0), k -> new String[] {"", ""});
        if (fn.getString("name") != null) {
          acc[0] += fn.getString("name");
        }
        if (fn.getString("arguments") != null) {
          acc[1] += fn.getString("arguments");
        }
      }
    }
  }

  boolean done() {
    return done;
  }

  String text() {
    return text.toString();
  }

  int tokens() {
    return tokens;
  }

  String raw() {
    return raw.toString();
  }

  List<ToolRequest> toolCalls() {
    List<ToolRequest> out = new ArrayList<>();
    for (String[] t : tools.values()) {
      JsonObject args;
      try {
        args = t[1].isBlank() ? new JsonObject() : new JsonObject(t[1]);
      } catch (DecodeException e) {
        args = new JsonObject().put("raw", t[1]);
      }
      out.add(new ToolRequest(t[0], args));
    }
    return out;
  }
}
