package io.switchboard.agent.provider.scripted;

import io.switchboard.agent.provider.ChatMessage;
import io.switchboard.agent.provider.LanguageModel;
import io.switchboard.agent.provider.LlmReply;
import io.switchboard.agent.provider.PromptMarkers;
import io.switchboard.agent.provider.ToolRequest;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic LLM that answers from a {@link ReplyBook}, streaming word by word with realistic
 * latency. It reads the prompt like a real model would: the last message decides the turn
 * (customer line, tool result, supervisor instruction or hand-back). It counts invocations so
 * tests can prove a paused agent spends nothing.
 */
public final class ScriptedLanguageModel implements LanguageModel {
  private final Vertx vertx;
  private final ReplyBook book;
  private final ScriptedTimings timings;
  private final List<List<ChatMessage>> requests = new ArrayList<>();

  public ScriptedLanguageModel(Vertx vertx, ReplyBook book, ScriptedTimings timings) {
    this.vertx = vertx;
    this.book = book;
    this.timings = timings;
  }

  public int invocations() {
    return requests.size();
  }

  /** Every prompt received, oldest first. */
  public List<List<ChatMessage>> requests() {
    return List.copyOf(requests);
  }

  @Override
  public Future<LlmReply> stream(List<ChatMessage> messages, Handler<String> onToken) {
    requests.add(List.copyOf(messages));
    ChatMessage last = messages.get(messages.size() - 1);
    String instruction = unansweredInstruction(messages);
    if (instruction != null) {
      return speak(book.guideReply(instruction), onToken);
    }
    if (PromptMarkers.isHandback(last)) {
      return speak(book.handback(), onToken);
    }
    ScriptedReply reply = book.replyTo(lastUserLine(messages));
    if (last.role().equals("tool") || reply.tool() == null) {
      return speak(reply.text(), onToken);
    }
    ToolRequest tool = reply.tool();
    Promise<LlmReply> p = Promise.promise();
    vertx.setTimer(timings.between(250, 600), id -> p.complete(new LlmReply("", List.of(tool), 0)));
    return p.future();
  }

  /**
   * A supervisor instruction given since the agent last spoke: it wins over a customer line that
   * barged in after it, as a real model would relay the instruction first.
   */
  private static String unansweredInstruction(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      ChatMessage m = messages.get(i);
      if (m.role().equals("assistant") || PromptMarkers.isHandback(m)) {
        return null;
      }
      String instruction = PromptMarkers.instructionOf(m);
      if (instruction != null) {
        return instruction;
      }
    }
    return null;
  }

  private static String lastUserLine(List<ChatMessage> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role().equals("user")) {
        return messages.get(i).content();
      }
    }
    return "";
  }

  /** Time to first token, then one word per tick. */
  private Future<LlmReply> speak(String text, Handler<String> onToken) {
    String[] words = text.split("(?<=\\s)");
    Promise<LlmReply> p = Promise.promise();
    long tick = timings.between(20, 40);
    vertx.setTimer(timings.between(250, 600), first -> emit(words, 0, tick, onToken, p, text));
    return p.future();
  }

  private void emit(String[] words, int i, long tick, Handler<String> onToken, Promise<LlmReply> p, String text) {
    if (i >= words.length) {
      p.complete(LlmReply.text(text, words.length));
      return;
    }
    onToken.handle(words[i]);
    vertx.setTimer(tick, id -> emit(words, i + 1, tick, onToken, p, text));
  }
}
