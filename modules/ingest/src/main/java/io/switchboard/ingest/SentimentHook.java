package io.switchboard.ingest;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.EventType;
import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.contract.sentiment.SentimentAnnotation;
import io.switchboard.contract.sentiment.SentimentRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a customer's final line is stored, asks {@code sentiment.analyze} (any instance, any node)
 * and stores the annotation as a log line plus the call-level sentiment fields. Runs after the
 * agent got its reply: sentiment never delays an agent.
 */
final class SentimentHook {
  private static final Logger LOG = LoggerFactory.getLogger(SentimentHook.class);
  private final Vertx vertx;
  private final LiveStateWriter writer;
  private final RulesFeed rules;

  SentimentHook(Vertx vertx, LiveStateWriter writer, RulesFeed rules) {
    this.vertx = vertx;
    this.writer = writer;
    this.rules = rules;
  }

  void analyze(String room, ApplyResult stored, String text, AgentTurns.Turn agentTurn) {
    CallSentimentState prior = CallSentimentState.initial();
    if (!stored.sentimentState().isEmpty()) {
      try {
        prior = CallSentimentState.fromJson(new JsonObject(stored.sentimentState()));
      } catch (DecodeException e) {
        // a corrupt state only loses history of the rolling score; start afresh
      }
    }
    long latency = -1;
    if (!stored.metrics().isEmpty()) {
      try {
        Object e2e = new JsonObject(stored.metrics()).getValue("e2e_ms");
        latency = e2e instanceof Number n ? n.longValue() : -1;
      } catch (DecodeException e) {
        latency = -1;
      }
    }
    SentimentRequest request =
        new SentimentRequest(
            room,
            stored.sessionId(),
            stored.seq(),
            text,
            stored.language().isEmpty() ? null : stored.language(),
            latency,
            prior,
            agentTurn.agentText(),
            agentTurn.toolErrors());
    vertx
        .eventBus()
        .<JsonObject>request(Addresses.SENTIMENT_ANALYZE, request.toJson(), new DeliveryOptions().setSendTimeout(3000))
        .compose(reply -> store(room, stored.sessionId(), SentimentAnnotation.fromJson(reply.body())))
        .onFailure(
            err ->
                LOG.atDebug()
                    .addKeyValue("room", room)
                    .addKeyValue("session", stored.sessionId())
                    .addKeyValue("seq", stored.seq())
                    .addKeyValue("error", err.getMessage())
                    .log("no sentiment for line"));
  }

  private Future<ApplyResult> store(String room, String session, SentimentAnnotation a) {
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
    io.switchboard.contract.live.CallEvent event =
        new io.switchboard.contract.live.CallEvent(room, session, EventType.SENTIMENT.wire(), null, 0, data);
    long now = System.currentTimeMillis();
    return writer.apply(room, session, EventPlanner.plan(event, EventType.SENTIMENT, now), now, false)
        .onSuccess(r -> {
          if (r.ok()) {
            rules.stored(room, r.sessionId(), r.seq(), EventType.SENTIMENT, data, now);
          }
        });
  }
}
