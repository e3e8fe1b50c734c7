package io.switchboard.ingest;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.EventType;
import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.contract.sentiment.SentimentAnnotation;
import io.switchboard.contract.sentiment.SentimentRequest;
import io.switchboard.platform.bus.ContractCodecs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Annotates customers' final lines through {@code sentiment.analyze} (any instance, any node): the
 * annotation is a log line plus the call-level sentiment fields. Either before the line is written,
 * within a few ms, so one script call stores both (docs/architecture.md#sentiment-inline), or after
 * the agent got its reply, as a second write. Sentiment never delays an agent by more than the
 * inline deadline.
 */
final class SentimentHook {
  private static final Logger LOG = LoggerFactory.getLogger(SentimentHook.class);
  private final Vertx vertx;
  private final LiveStateWriter writer;
  private final RulesFeed rules;
  private final SentimentInputs inputs;

  SentimentHook(Vertx vertx, LiveStateWriter writer, RulesFeed rules, SentimentInputs inputs) {
    this.vertx = vertx;
    this.writer = writer;
    this.rules = rules;
    this.inputs = inputs;
    ContractCodecs.register(vertx.eventBus());
  }

  /**
   * Annotates a customer line before it is written, from what this instance last saw of the call
   * ({@link SentimentInputs}): the annotation to store with the line, or a failure when sentiment
   * does not answer within {@code deadlineMs} (the line is then written alone and annotated after).
   */
  Future<InlineAnnotation> prepare(String room, SentimentInputs.Room guess, String text, AgentTurns.Turn agentTurn, long deadlineMs) {
    long lineSeq = guess.lastSeq() + 1;
    CallSentimentState prior = guess.state() != null ? guess.state() : prior(guess.sentimentState());
    SentimentRequest request = request(room, guess.session(), lineSeq, text, prior, guess.metrics(), guess.language(), agentTurn);
    return ask(request, deadlineMs).map(a -> inline(room, guess, a, System.currentTimeMillis()));
  }

  /** Annotation {@code a} of the line after {@code guess}, to store with it. */
  static InlineAnnotation inline(String room, SentimentInputs.Room guess, SentimentAnnotation a, long now) {
    JsonObject data = data(a);
    EventPlan plan = plan(room, guess.session(), data, now);
    return new InlineAnnotation(guess.lastSeq() + 1, guess.sentimentState(), guess.metrics(), guess.language(),
        plan.eventId, plan.lineJson, setPairs(plan), a.call().toJson().encode(), a.call(), data);
  }

  /** The inline annotation was stored as line {@code annotationSeq}: the rules see it as if sent on its own. */
  void storedInline(String room, String session, long annotationSeq, InlineAnnotation a) {
    rules.stored(room, session, annotationSeq, EventType.SENTIMENT, a.data(), System.currentTimeMillis());
  }

  /** After a customer's final line is stored on its own: annotate it and store the annotation. */
  void analyze(String room, ApplyResult stored, String text, AgentTurns.Turn agentTurn) {
    SentimentRequest request =
        request(room, stored.sessionId(), stored.seq(), text, prior(stored.sentimentState()), stored.metrics(), stored.language(), agentTurn);
    ask(request, 3000)
        .compose(a -> store(room, stored.sessionId(), a))
        .onFailure(
            err ->
                LOG.atDebug()
                    .addKeyValue("room", room)
                    .addKeyValue("session", stored.sessionId())
                    .addKeyValue("seq", stored.seq())
                    .addKeyValue("error", err.getMessage())
                    .log("no sentiment for line"));
  }

  /**
   * The request goes as a record ({@code ContractCodecs}): a sentiment instance on this node gets
   * it without a JSON round trip and answers with a record; one on another node gets JSON and
   * answers in JSON (docs/architecture.md#typed-requests).
   */
  private Future<SentimentAnnotation> ask(SentimentRequest request, long timeoutMs) {
    return vertx
        .eventBus()
        .request(Addresses.SENTIMENT_ANALYZE, request, ContractCodecs.SENTIMENT_REQUEST.options().setSendTimeout(timeoutMs))
        .map(reply -> reply.body() instanceof SentimentAnnotation a ? a : SentimentAnnotation.fromJson((JsonObject) reply.body()));
  }

  /** The call's state from its {@code sentiment_state} string: initial when there is none or it is corrupt. */
  static CallSentimentState prior(String sentimentState) {
    if (!sentimentState.isEmpty()) {
      try {
        return CallSentimentState.fromJson(new JsonObject(sentimentState));
      } catch (DecodeException e) {
        // a corrupt state only loses history of the rolling score; start afresh
      }
    }
    return CallSentimentState.initial();
  }

  private static SentimentRequest request(
      String room, String session, long seq, String text, CallSentimentState prior, String metrics, String language, AgentTurns.Turn agentTurn) {
    long latency = -1;
    if (!metrics.isEmpty()) {
      try {
        Object e2e = new JsonObject(metrics).getValue("e2e_ms");
        latency = e2e instanceof Number n ? n.longValue() : -1;
      } catch (DecodeException e) {
        latency = -1;
      }
    }
    return new SentimentRequest(
        room, session, seq, text, language.isEmpty() ? null : language, latency, prior, agentTurn.agentText(), agentTurn.toolErrors());
  }

  private static JsonObject data(SentimentAnnotation a) {
    JsonObject data =
        new JsonObject()
            .put("seq", a.seq())
            .put("label", a.label())
            .put("score", a.score())
            .put("confidence", a.confidence())
            .put("source", a.source())
            .put("call", a.call().toJson());
    if (!a.newEscalations().isEmpty()) {
      data.put("new_escalations", new JsonArray(a.newEscalations()));
    }
    return data;
  }

  private static EventPlan plan(String room, String session, JsonObject data, long now) {
    CallEvent event = new CallEvent(room, session, EventType.SENTIMENT.wire(), null, 0, data);
    return EventPlanner.plan(event, EventType.SENTIMENT, now);
  }

  /** An annotation's field operations are all {@code set}s: their field, value pairs. */
  private static List<String> setPairs(EventPlan plan) {
    List<String> pairs = plan.setPairs();
    if (pairs.size() / 2 * 3 != plan.ops.size()) {
      throw new IllegalStateException("an annotation only sets fields: " + plan.ops);
    }
    return pairs;
  }

  private Future<ApplyResult> store(String room, String session, SentimentAnnotation a) {
    JsonObject data = data(a);
    long now = System.currentTimeMillis();
    EventPlan plan = plan(room, session, data, now);
    return writer.apply(room, session, plan, now, false)
        .onSuccess(r -> {
          inputs.applied(room, plan, r);
          if (r.ok()) {
            rules.stored(room, r.sessionId(), r.seq(), EventType.SENTIMENT, data, now);
          }
        });
  }
}
