package io.switchboard.agent.runtime;

import io.switchboard.agent.events.EventSink;
import io.switchboard.agent.provider.ChatMessage;
import io.switchboard.agent.provider.LlmReply;
import io.switchboard.agent.provider.PromptMarkers;
import io.switchboard.agent.provider.SpeechAudio;
import io.switchboard.agent.provider.ToolRequest;
import io.switchboard.agent.provider.ToolResult;
import io.switchboard.contract.Addresses;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call handled by the Java voice agent: a state machine (initializing → listening → thinking →
 * speaking, plus paused / ended) around STT → LLM (+tools) → TTS, emitting the same call events an
 * external agent would send.
 *
 * <p>Every provider call belongs to a turn <em>generation</em>. Interrupting (guide, barge-in),
 * pausing or ending bumps the generation, and each step checks it before invoking the next
 * provider — so a paused agent makes zero LLM/TTS calls and stale results are simply dropped.
 * All methods run on the owning verticle's event loop.
 */
public final class CallSession {
  private static final Logger LOG = LoggerFactory.getLogger(CallSession.class);
  /** LLM → tools → LLM rounds per turn before giving up on tools. */
  private static final int MAX_TOOL_ROUNDS = 2;

  private final Vertx vertx;
  private final SessionSpec spec;
  private final Providers providers;
  private final SessionEvents events;
  private final SessionListener listener;
  private final List<ChatMessage> history = new ArrayList<>();
  private AgentState state = AgentState.INITIALIZING;
  private int generation;
  private long speakTimer = -1;
  private int agentLines;
  private boolean paused;
  private boolean ended;
  private MessageConsumer<JsonObject> control;

  public CallSession(Vertx vertx, SessionSpec spec, Providers providers, EventSink sink, SessionListener listener) {
    this.vertx = vertx;
    this.spec = spec;
    this.providers = providers;
    this.events = new SessionEvents(sink, spec.room(), spec.sessionId());
    this.listener = listener;
  }

  public String room() {
    return spec.room();
  }

  public String sessionId() {
    return spec.sessionId();
  }

  public AgentState state() {
    return state;
  }

  public boolean isPaused() {
    return paused;
  }

  public boolean isEnded() {
    return ended;
  }

  /** Announces the call, starts obeying {@code agent.<room>.control}, then greets. */
  public Future<Void> start() {
    history.add(ChatMessage.system(spec.systemPrompt()));
    events.callStarted(spec);
    events.state(AgentState.INITIALIZING);
    control = vertx.eventBus().consumer(Addresses.agentControl(spec.room()), msg -> AgentControlHandler.handle(this, msg));
    LOG.atDebug().setMessage("call session started").addKeyValue("room", spec.room())
        .addKeyValue("session", spec.sessionId()).addKeyValue("language", spec.language()).log();
    return control.completion().onSuccess(v -> greet());
  }

  private void greet() {
    int gen = ++generation;
    if (spec.greeting() == null || spec.greeting().isBlank()) {
      moveTo(AgentState.LISTENING);
      return;
    }
    synthesize(gen, new TurnTimer(-1), spec.greeting());
  }

  // ---- customer side ------------------------------------------------------------------------

  /** A partial transcript of the utterance in progress (from streaming STT or the simulator). */
  public void userInterim(String segmentId, String partialText) {
    if (!ended) {
      events.transcript("user", partialText, false, segmentId, spec.language());
    }
  }

  /** The customer finished an utterance: transcribe it, then answer (unless paused). */
  public void userSpoke(String segmentId, Buffer audio) {
    if (ended) {
      return;
    }
    long t0 = System.nanoTime();
    providers
        .stt()
        .transcribe(audio, spec.language())
        .onComplete(
            ar -> {
              if (ended) {
                return;
              }
              if (ar.failed()) {
                providerFailed("stt", ar.cause());
                return;
              }
              userSaid(segmentId, ar.result(), (System.nanoTime() - t0) / 1_000_000);
            });
  }

  /** A final customer line (already transcribed). {@code sttMs} is -1 when unknown. */
  public void userSaid(String segmentId, String text, long sttMs) {
    if (ended || text.isBlank()) {
      return;
    }
    events.transcript("user", text, true, segmentId, spec.language());
    history.add(ChatMessage.user(text));
    if (paused) {
      // the supervisor is talking to the customer; we keep the context for the hand-back only
      events.debug("heard_while_paused", new JsonObject().put("segment_id", segmentId));
      return;
    }
    runTurn(new TurnTimer(sttMs));
  }

  // ---- supervisor control -------------------------------------------------------------------

  /** Interrupt and answer the supervisor's instruction. While paused it is kept for the hand-back. */
  public void guide(String instruction, String by) {
    if (ended) {
      return;
    }
    history.add(ChatMessage.system(PromptMarkers.SUPERVISOR + instruction));
    events.debug("control", new JsonObject().put("action", "guide").put("by", by).put("deferred", paused));
    if (!paused) {
      runTurn(new TurnTimer(-1));
    }
  }

  /** Stop thinking and speaking; nothing reaches the LLM or TTS until {@link #resume}. */
  public void pause(String by) {
    if (ended || paused) {
      return;
    }
    paused = true;
    generation++;
    stopSpeaking();
    moveTo(AgentState.PAUSED);
    events.debug("control", new JsonObject().put("action", "pause").put("by", by));
  }

  /** Continue the same session with a hand-back turn (never a second greeting). */
  public void resume(String by) {
    if (ended || !paused) {
      return;
    }
    paused = false;
    events.debug("control", new JsonObject().put("action", "resume").put("by", by));
    history.add(ChatMessage.system(PromptMarkers.HANDBACK));
    runTurn(new TurnTimer(-1));
  }

  /** Ends the session: agent_state ended, call_ended, no more events. */
  public void end(String reason, JsonObject extra) {
    if (ended) {
      return;
    }
    generation++;
    stopSpeaking();
    moveTo(AgentState.ENDED);
    ended = true;
    events.callEnded(reason, extra);
    if (control != null) {
      control.unregister();
    }
    LOG.atDebug().setMessage("call session ended").addKeyValue("room", spec.room())
        .addKeyValue("session", spec.sessionId()).addKeyValue("reason", reason).log();
    listener.ended(reason);
  }

  // ---- one agent turn -----------------------------------------------------------------------

  private void runTurn(TurnTimer timer) {
    int gen = ++generation;
    stopSpeaking();
    moveTo(AgentState.THINKING);
    think(gen, timer, 0);
  }

  private boolean live(int gen) {
    return !ended && !paused && gen == generation;
  }

  private void think(int gen, TurnTimer timer, int round) {
    if (!live(gen)) {
      return;
    }
    timer.llmStarted();
    providers.llm().stream(List.copyOf(history), token -> timer.firstToken()).onComplete(ar -> thought(gen, timer, round, ar));
  }

  private void thought(int gen, TurnTimer timer, int round, AsyncResult<LlmReply> ar) {
    if (!live(gen)) {
      return;
    }
    if (ar.failed()) {
      providerFailed("llm", ar.cause());
      return;
    }
    LlmReply reply = ar.result();
    timer.llmFinished();
    events.debug("llm", new JsonObject().put("round", round).put("tokens", reply.tokens())
        .put("ttft_ms", timer.llmTtftMs()).put("total_ms", timer.llmTotalMs()).put("tool_calls", reply.toolCalls().size()));
    if (reply.wantsTools() && round < MAX_TOOL_ROUNDS) {
      runTools(gen, timer, round, reply.toolCalls(), 0);
    } else if (reply.text() == null || reply.text().isBlank()) {
      moveTo(AgentState.LISTENING);
    } else {
      synthesize(gen, timer, reply.text().strip());
    }
  }

  private void runTools(int gen, TurnTimer timer, int round, List<ToolRequest> calls, int index) {
    if (!live(gen)) {
      return;
    }
    if (index >= calls.size()) {
      think(gen, timer, round + 1);
      return;
    }
    ToolRequest call = calls.get(index);
    long t0 = System.nanoTime();
    providers.tools().execute(call).onComplete(ar -> {
      if (!live(gen)) {
        return;
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      Object result = ar.succeeded() ? ar.result().result() : new JsonObject().put("error", ar.cause().getMessage());
      String kind = ar.succeeded() && ar.result().debugKind() != null ? ar.result().debugKind() : "tool";
      events.toolCall(call.name(), call.args(), result, ms);
      events.debug(kind, new JsonObject().put("name", call.name()).put("args", call.args()).put("result", result)
          .put("duration_ms", ms).put("ok", ar.succeeded()));
      history.add(ChatMessage.tool(call.name(), Json.encode(result)));
      runTools(gen, timer, round, calls, index + 1);
    });
  }

  private void synthesize(int gen, TurnTimer timer, String text) {
    if (!live(gen)) {
      return;
    }
    timer.ttsStarted();
    providers.tts().synthesize(text, spec.language()).onComplete(ar -> {
      if (!live(gen)) {
        return;
      }
      if (ar.failed()) {
        providerFailed("tts", ar.cause());
        return;
      }
      speak(gen, timer, text, ar.result());
    });
  }

  private void speak(int gen, TurnTimer timer, String text, SpeechAudio audio) {
    moveTo(AgentState.SPEAKING);
    events.transcript("agent", text, true, "a-" + (++agentLines), spec.language());
    history.add(ChatMessage.assistant(text));
    events.metrics(timer.toMetrics(audio));
    speakTimer = vertx.setTimer(Math.max(1, audio.playMs()), id -> {
      speakTimer = -1;
      if (live(gen)) {
        moveTo(AgentState.LISTENING);
      }
    });
  }

  private void stopSpeaking() {
    if (speakTimer >= 0) {
      vertx.cancelTimer(speakTimer);
      speakTimer = -1;
      events.debug("interrupted", new JsonObject().put("from", state.wire()));
    }
  }

  private void providerFailed(String provider, Throwable err) {
    LOG.atWarn().setMessage("provider failed; agent goes back to listening").addKeyValue("room", spec.room())
        .addKeyValue("session", spec.sessionId()).addKeyValue("provider", provider)
        .addKeyValue("error", err.getMessage()).log();
    events.debug("error", new JsonObject().put("provider", provider).put("message", String.valueOf(err.getMessage())));
    if (!paused && !ended) {
      moveTo(AgentState.LISTENING);
    }
  }

  private void moveTo(AgentState to) {
    AgentState from = state;
    if (from == to) {
      return;
    }
    if (!from.canMoveTo(to)) {
      LOG.atWarn().setMessage("illegal agent state transition ignored").addKeyValue("room", spec.room())
          .addKeyValue("session", spec.sessionId()).addKeyValue("from", from).addKeyValue("to", to).log();
      return;
    }
    state = to;
    events.state(to);
    events.debug("state", new JsonObject().put("from", from.wire()).put("to", to.wire()));
    listener.stateChanged(from, to);
  }
}
