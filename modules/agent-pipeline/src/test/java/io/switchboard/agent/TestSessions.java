package io.switchboard.agent;

import io.switchboard.agent.events.BusEventSink;
import io.switchboard.agent.provider.ToolRequest;
import io.switchboard.agent.provider.scripted.ReplyBook;
import io.switchboard.agent.provider.scripted.ScriptedLanguageModel;
import io.switchboard.agent.provider.scripted.ScriptedReply;
import io.switchboard.agent.provider.scripted.ScriptedSpeechToText;
import io.switchboard.agent.provider.scripted.ScriptedTextToSpeech;
import io.switchboard.agent.provider.scripted.ScriptedTimings;
import io.switchboard.agent.provider.scripted.ScriptedTools;
import io.switchboard.agent.runtime.CallSession;
import io.switchboard.agent.runtime.Providers;
import io.switchboard.agent.runtime.SessionListener;
import io.switchboard.agent.runtime.SessionSpec;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Random;

/** A small scripted agent wired to the real event bus, with counting providers. */
public final class TestSessions {
  public static final String GREETING = "Hello, this is Aria from Nusantara Telco. How can I help?";
  public static final String HANDBACK = "Thanks for waiting, I'm back with you now.";
  public static final String CHARGED = "I was charged twice this month.";
  public static final String CHARGED_REPLY = "I can see the duplicate charge and I'll refund it.";

  public final ScriptedLanguageModel llm;
  public final ScriptedTextToSpeech tts;
  public final ScriptedSpeechToText stt;
  public final CallSession session;

  public TestSessions(Vertx vertx, String room, String sessionId, double speed) {
    ScriptedTimings timings = new ScriptedTimings(speed, new Random(7));
    ReplyBook book = new ReplyBook(
        Map.of(CHARGED, new ScriptedReply(CHARGED_REPLY, new ToolRequest("lookup_account", new JsonObject().put("by", "caller_id")))),
        "Sorry, could you repeat that?", "As my colleague suggests: {instruction}", HANDBACK);
    llm = new ScriptedLanguageModel(vertx, book, timings);
    tts = new ScriptedTextToSpeech(vertx, timings);
    stt = new ScriptedSpeechToText(vertx, timings);
    ScriptedTools tools = new ScriptedTools(vertx,
        Map.of("lookup_account", new ScriptedTools.Spec(new JsonObject().put("account", "****4417"), 200, "tool")), timings);
    session = new CallSession(vertx,
        new SessionSpec(room, sessionId, "aria", "Daniel Tan", "en", GREETING, "You are Aria.", new JsonObject()),
        new Providers(stt, llm, tts, tools), new BusEventSink(vertx, 2000, 1000), SessionListener.NONE);
  }
}
