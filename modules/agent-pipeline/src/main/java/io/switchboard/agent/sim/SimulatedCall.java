package io.switchboard.agent.sim;

import io.switchboard.agent.ProviderFactory;
import io.switchboard.agent.events.EventSink;
import io.switchboard.agent.provider.scripted.ScriptedLanguageModel;
import io.switchboard.agent.provider.scripted.ScriptedSpeechToText;
import io.switchboard.agent.provider.scripted.ScriptedTextToSpeech;
import io.switchboard.agent.provider.scripted.ScriptedTimings;
import io.switchboard.agent.provider.scripted.ScriptedTools;
import io.switchboard.agent.runtime.AgentState;
import io.switchboard.agent.runtime.CallSession;
import io.switchboard.agent.runtime.Providers;
import io.switchboard.agent.runtime.SessionListener;
import io.switchboard.agent.runtime.SessionSpec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Random;

/**
 * One synthetic call: a scripted customer talking to the real {@link CallSession} runtime with
 * scripted providers. The customer speaks when the agent is listening (word by word, with interim
 * transcripts), keeps talking to the supervisor while the agent is paused, and the call ends the
 * way the scenario's endings say.
 */
final class SimulatedCall implements SessionListener {
  /** Interim transcripts every few words, as streaming STT would produce. */
  private static final int WORDS_PER_INTERIM = 3;

  private final Vertx vertx;
  private final Scenario scenario;
  private final ScriptedTimings timings;
  private final String customerName;
  private final String firstName;
  private final CallSession session;
  private final Promise<String> done = Promise.promise();
  private int nextTurn;
  private long customerTimer = -1;
  private boolean customerSpeaking;
  private boolean finishing;

  SimulatedCall(Vertx vertx, Scenario scenario, String room, String sessionId, Random random, double speed,
      EventSink sink, ProviderFactory factory) {
    this.vertx = vertx;
    this.scenario = scenario;
    this.timings = new ScriptedTimings(speed, random);
    this.customerName = scenario.customers().get(random.nextInt(scenario.customers().size()));
    this.firstName = customerName.split(" ")[0];
    Providers providers = new Providers(
        new ScriptedSpeechToText(vertx, timings),
        factory.llmOr(new ScriptedLanguageModel(vertx, scenario.replyBook(firstName), timings)),
        factory.ttsOr(new ScriptedTextToSpeech(vertx, timings)),
        new ScriptedTools(vertx, scenario.tools(), timings));
    SessionSpec spec = new SessionSpec(room, sessionId, scenario.agent(), customerName, scenario.language(),
        Scenario.fill(scenario.greeting(), firstName), scenario.systemPrompt(),
        new JsonObject().put("simulated", true).put("scenario", scenario.id()));
    this.session = new CallSession(vertx, spec, providers, sink, this);
  }

  /** Starts the call; the future completes with the end reason. */
  Future<String> run() {
    session.start().onFailure(done::tryFail);
    return done.future();
  }

  String room() {
    return session.room();
  }

  /** Ends the call now (simulator shutdown). */
  void stop() {
    session.end("completed", null);
  }

  @Override
  public void stateChanged(AgentState from, AgentState to) {
    if (to == AgentState.LISTENING || to == AgentState.PAUSED) {
      scheduleCustomer(to == AgentState.PAUSED ? timings.between(2500, 5000) : timings.between(600, 1600));
    }
  }

  @Override
  public void ended(String reason) {
    if (customerTimer >= 0) {
      vertx.cancelTimer(customerTimer);
      customerTimer = -1;
    }
    done.tryComplete(reason);
  }

  private void scheduleCustomer(long delayMs) {
    if (customerTimer >= 0 || customerSpeaking || session.isEnded()) {
      return;
    }
    customerTimer = vertx.setTimer(delayMs, id -> {
      customerTimer = -1;
      nextLine();
    });
  }

  private void nextLine() {
    if (session.isEnded() || customerSpeaking) {
      return;
    }
    boolean paused = session.isPaused();
    if (!paused && session.state() != AgentState.LISTENING) {
      return; // the agent took a turn meanwhile (e.g. a guide); we speak once it listens again
    }
    if (nextTurn >= scenario.turns().size()) {
      if (paused) {
        // the supervisor still has the call; the customer hangs up if nobody hands back
        vertx.setTimer(timings.between(15_000, 30_000), id -> {
          if (session.isPaused()) {
            session.end("completed", null);
          }
        });
      } else {
        finish();
      }
      return;
    }
    Scenario.Turn turn = scenario.turns().get(nextTurn++);
    speak("u-" + nextTurn, Scenario.fill(turn.customer(), firstName));
  }

  private void speak(String segmentId, String text) {
    customerSpeaking = true;
    String[] words = text.trim().split("\\s+");
    sayWords(segmentId, text, words, 0, timings.between(300, 420));
  }

  private void sayWords(String segmentId, String text, String[] words, int spoken, long msPerWord) {
    if (session.isEnded()) {
      customerSpeaking = false;
      return;
    }
    int next = Math.min(words.length, spoken + WORDS_PER_INTERIM);
    vertx.setTimer(msPerWord * (next - spoken), id -> {
      if (session.isEnded()) {
        customerSpeaking = false;
        return;
      }
      if (next < words.length) {
        session.userInterim(segmentId, String.join(" ", java.util.Arrays.copyOf(words, next)));
        sayWords(segmentId, text, words, next, msPerWord);
        return;
      }
      customerSpeaking = false;
      session.userSpoke(segmentId, Buffer.buffer(text));
      if (session.isPaused()) {
        scheduleCustomer(timings.between(2500, 5000));
      }
    });
  }

  private void finish() {
    if (finishing) {
      return;
    }
    finishing = true;
    Scenario.Ending ending = scenario.pickEnding(timings.random());
    JsonObject extra = ending.transferTarget() == null ? null : new JsonObject().put("transfer_target", ending.transferTarget());
    vertx.setTimer(timings.between(400, 1200), id -> endWhenQuiet(ending.reason(), extra));
  }

  /** Nobody hangs up on an agent mid-answer (e.g. one a supervisor just asked for): wait for it. */
  private void endWhenQuiet(String reason, JsonObject extra) {
    AgentState s = session.state();
    if (s == AgentState.THINKING || s == AgentState.SPEAKING) {
      vertx.setTimer(timings.between(300, 600), id -> endWhenQuiet(reason, extra));
    } else {
      session.end(reason, extra);
    }
  }
}
