package io.switchboard.ingest;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.BusErrors;
import io.switchboard.contract.RoomNames;
import io.switchboard.contract.SchemaVersion;
import io.switchboard.contract.VerticleName;
import io.switchboard.platform.auth.AgentKeys;
import io.switchboard.platform.config.NodeIdentity;
import io.switchboard.platform.config.Settings;
import io.switchboard.contract.health.HealthReply;
import io.switchboard.platform.health.HealthResponder;
import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.CallEventSchemas;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.EventType;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.switchboard.platform.redis.RedisClients;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the write side of live call state: validates every call event (agents' and Switchboard's
 * own), applies it to Redis in one atomic script, and starts the archive of ended calls. Replies
 * within milliseconds; a Redis outage is a fast 503, never a hang.
 */
public final class IngestVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(IngestVerticle.class);
  private static final Pattern PUSHED_OUT = Pattern.compile("(?:superseded|parked):(\\S+)");
  private static final CallEventSchemas SCHEMAS = new CallEventSchemas();

  private Redis redis;
  private RedisAPI api;
  private AgentKeys keys;
  private AgentRateLimits rateLimits;
  private LiveStateWriter writer;
  private Archiver archiver;
  private SentimentHook sentiment;
  private RulesFeed rules;
  private final AgentTurns agentTurns = new AgentTurns();
  private final SentimentInputs sentimentInputs = new SentimentInputs();
  private final RoomOrder order = new RoomOrder();
  private final IngestMetrics metrics = new IngestMetrics();
  private String node;
  private int orderWaitMs;
  private int sentimentInlineMs;
  private SendOrderWakeups wakeups;

  @Override
  public Future<?> start() {
    Settings settings = Settings.of(config());
    IngestConfig cfg = IngestConfig.from(settings);
    node = NodeIdentity.of(vertx, settings);
    orderWaitMs = cfg.orderWaitMs();
    sentimentInlineMs = cfg.sentimentInlineMs();
    redis = RedisClients.pooled(vertx, cfg.redisUrl(), 16, 256);
    api = RedisAPI.api(redis);
    keys = new AgentKeys(cfg.agentKeys());
    rateLimits = new AgentRateLimits(cfg.ratePerSecond());
    writer = new LiveStateWriter(api, 2000, metrics);
    archiver = new Archiver(vertx, api, cfg.endedTtlSeconds(), metrics);
    archiver.start(15_000);
    rules = new RulesFeed(vertx.eventBus());
    sentiment = new SentimentHook(vertx, writer, rules, sentimentInputs);
    wakeups = new SendOrderWakeups(vertx, cfg.redisUrl());
    wakeups.start();
    return vertx
        .eventBus()
        .<Object>consumer(Addresses.INGEST_CALL_EVENT, metrics.observe(this::handle))
        .completion()
        .compose(v -> HealthResponder.register(vertx, VerticleName.INGEST, node, this::health));
  }

  private Future<HealthReply> health() {
    return api.ping(List.of()).map(r -> new HealthReply(VerticleName.INGEST.id(), node, true, new JsonObject().put("redis", "UP")));
  }

  private void handle(Message<Object> msg) {
    if (!(msg.body() instanceof JsonObject body)) {
      msg.fail(BusErrors.BAD_REQUEST, "body must be a JSON object");
      return;
    }
    boolean fromAgent = CallEvent.SOURCE_AGENT.equals(msg.headers().get(CallEvent.HEADER_SOURCE));
    String agentName = null;
    if (fromAgent) {
      if (keys.isEmpty()) {
        msg.fail(BusErrors.UNAUTHORIZED, "no agent API keys are configured on this server");
        return;
      }
      agentName = keys.agentOf(msg.headers().get(CallEvent.HEADER_API_KEY)).orElse(null);
      if (agentName == null) {
        msg.fail(BusErrors.UNAUTHORIZED, "missing or invalid X-API-Key");
        return;
      }
      long retryAfter = rateLimits.admit(agentName);
      if (retryAfter > 0) {
        msg.fail(BusErrors.TOO_MANY_REQUESTS, BusErrors.tooManyRequests(
            "agent key '" + agentName + "' is over its limit of " + rateLimits.perSecond() + " events/s", retryAfter));
        return;
      }
    }
    String problem = SCHEMAS.problem(body);
    if (problem != null) {
      msg.fail(BusErrors.BAD_REQUEST, problem);
      return;
    }
    CallEvent event = CallEvent.fromJson(body);
    EventType type = EventType.byWire(event.type()).orElseThrow();
    String roomProblem = RoomNames.problem(event.room());
    if (roomProblem != null) {
      msg.fail(BusErrors.BAD_REQUEST, roomProblem);
      return;
    }
    if (fromAgent && !type.fromAgents()) {
      msg.fail(BusErrors.FORBIDDEN, "event_type '" + event.type() + "' is internal to Switchboard");
      return;
    }
    if (event.sessionId() == null && type.fromAgents() && type != EventType.CALL_ENDED) {
      msg.fail(BusErrors.BAD_REQUEST, "session_id is required");
      return;
    }
    if (type == EventType.DEBUG) {
      publishDebug(event);
      msg.reply(accepted(event.sessionId(), -1, false));
      return;
    }
    long now = System.currentTimeMillis();
    EventPlan plan;
    try {
      plan = EventPlanner.plan(event, type, now);
    } catch (ClassCastException | NullPointerException schemaGap) {
      // a value of a type the schema let through: still the sender's error, and it must get an answer
      LOG.atWarn().addKeyValue("room", event.room()).addKeyValue("address", Addresses.INGEST_CALL_EVENT)
          .addKeyValue("error", String.valueOf(schemaGap.getMessage())).log("event data the planner cannot read");
      msg.fail(BusErrors.BAD_REQUEST, "data of " + event.type() + " has a field of the wrong type");
      return;
    }
    if (body.getValue(CallEvent.FIELD_SEND_SEQ) instanceof Number n) {
      plan.sendSeq = String.valueOf(n.longValue());
    }
    if (type == EventType.CALL_STARTED && agentName != null && !event.data().containsKey("agent")) {
      plan.set(CallFields.AGENT, agentName);
    }
    // taken before the write because the inline annotation needs it; given back if the line is not stored
    AgentTurns.Turn agentTurn = plan.userFinal ? agentTurns.take(event.room()) : AgentTurns.Turn.NONE;
    annotateInline(event, plan, agentTurn)
        .compose(v -> applyInSendOrder(event, plan, now, now + orderWaitMs))
        .onSuccess(result -> {
          if (!result.ok()) {
            agentTurns.giveBack(event.room(), agentTurn);
          }
          answer(msg, event, plan, result, agentTurn);
        })
        .onFailure(
            err -> {
              agentTurns.giveBack(event.room(), agentTurn);
              LOG.atWarn()
                  .addKeyValue("room", event.room())
                  .addKeyValue("session", event.sessionId())
                  .addKeyValue("address", Addresses.INGEST_CALL_EVENT)
                  .addKeyValue("error", err.getMessage())
                  .log("live state write failed");
              msg.fail(BusErrors.UNAVAILABLE, "live state store unavailable, retry later");
            });
  }

  /**
   * A customer's final line waits up to {@code ingest.sentiment.inline.ms} for its annotation, so the
   * script stores both at once (docs/architecture.md#sentiment-inline); without this instance's view
   * of the call, or past the deadline, the line goes alone and is annotated after it.
   */
  private Future<Void> annotateInline(CallEvent event, EventPlan plan, AgentTurns.Turn agentTurn) {
    if (!plan.userFinal || sentimentInlineMs == 0) {
      return Future.succeededFuture();
    }
    SentimentInputs.Room guess = sentimentInputs.guess(event.room(), event.sessionId()).orElse(null);
    if (guess == null) {
      return Future.succeededFuture();
    }
    return sentiment
        .prepare(event.room(), guess, event.data().getString("text"), agentTurn, sentimentInlineMs)
        .<Void>map(annotation -> {
          plan.inline = annotation;
          return null;
        })
        .otherwise(err -> {
          plan.inlineLate = true;
          return null;
        });
  }

  /**
   * Applies the event; while an earlier send_seq of its session is missing (it is still on its way
   * through another ingest instance or node) retries every few ms, then applies it anyway at the
   * deadline (the missing event was dropped or refused). The room's queue is released between
   * tries, so the missing event can pass when it lands on this instance.
   */
  private Future<ApplyResult> applyInSendOrder(CallEvent event, EventPlan plan, long now, long deadline) {
    return applyInSendOrder(event, plan, now, deadline, 5);
  }

  private Future<ApplyResult> applyInSendOrder(CallEvent event, EventPlan plan, long now, long deadline, long pollMs) {
    boolean force = System.currentTimeMillis() >= deadline;
    if (force) {
      LOG.atWarn()
          .addKeyValue("room", event.room())
          .addKeyValue("session", event.sessionId())
          .addKeyValue("address", Addresses.INGEST_CALL_EVENT)
          .addKeyValue("send_seq", plan.sendSeq)
          .addKeyValue("waited_ms", System.currentTimeMillis() - now)
          .log("an earlier send_seq never arrived: applied out of order");
    }
    return order
        .run(event.room(), () -> writer.apply(event.room(), event.sessionId(), plan, now, force))
        .compose(
            result -> {
              if (plan.sendSeq.isEmpty()) {
                return Future.succeededFuture(result);
              }
              long sendSeq = Long.parseLong(plan.sendSeq);
              String session = result.sessionId();
              if (!result.gap()) {
                SendOrderWaits.applied(event.room(), session, sendSeq);
                return Future.succeededFuture(result);
              }
              io.vertx.core.Promise<ApplyResult> retried = io.vertx.core.Promise.promise();
              io.vertx.core.Context context = vertx.getOrCreateContext();
              java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
              long[] timer = {-1};
              Runnable retry =
                  new Runnable() {
                    @Override
                    public void run() {
                      if (fired.compareAndSet(false, true)) {
                        SendOrderWaits.forget(event.room(), session, sendSeq, this);
                        context.runOnContext(
                            v -> {
                              vertx.cancelTimer(timer[0]);
                              applyInSendOrder(event, plan, now, deadline, Math.min(pollMs * 2, 50)).onComplete(retried);
                            });
                      }
                    }
                  };
              SendOrderWaits.await(event.room(), session, sendSeq, retry);
              // a lost wake-up (pub/sub down) costs a poll, and nothing waits past the deadline
              timer[0] = vertx.setTimer(Math.max(1, Math.min(pollMs, deadline - System.currentTimeMillis())), id -> retry.run());
              return retried.future();
            });
  }

  private void answer(Message<Object> msg, CallEvent event, EventPlan plan, ApplyResult result, AgentTurns.Turn agentTurn) {
    switch (result.status()) {
      case "stale" -> msg.reply(accepted(result.sessionId(), result.seq(), false).put("stale", true));
      case "ok", "duplicate" -> {
        msg.reply(accepted(result.sessionId(), result.seq(), "duplicate".equals(result.status())));
        if (!result.ok()) {
          return;
        }
        sentimentInputs.applied(event.room(), plan, result);
        rules.stored(event.room(), result.sessionId(), result.seq(), EventType.byWire(event.type()).orElseThrow(), event.data(), System.currentTimeMillis());
        if (result.created()) {
          LOG.atInfo().addKeyValue("room", event.room()).addKeyValue("session", result.sessionId()).log("call started");
        }
        Matcher pushed = PUSHED_OUT.matcher(result.notes());
        while (pushed.find()) {
          archiver.archive(event.room(), pushed.group(1));
        }
        if (plan.ends) {
          LOG.atInfo().addKeyValue("room", event.room()).addKeyValue("session", result.sessionId()).log("call ended");
          archiver.archive(event.room(), result.sessionId());
        }
        if (plan.ends) {
          agentTurns.forget(event.room());
        } else if (plan.userFinal && result.annotated()) {
          metrics.sentiment(IngestMetrics.SentimentOutcome.INLINE);
          sentiment.storedInline(event.room(), result.sessionId(), result.seq() + 1, plan.inline);
        } else if (plan.userFinal) {
          metrics.sentiment(plan.inlineLate ? IngestMetrics.SentimentOutcome.MISSED : IngestMetrics.SentimentOutcome.AFTER);
          sentiment.analyze(event.room(), result, event.data().getString("text"), agentTurn);
        } else {
          noteAgentTurn(event);
        }
      }
      case "ended" -> msg.fail(BusErrors.GONE, "session " + result.sessionId() + " has ended");
      case "no_call" -> msg.fail(BusErrors.NOT_FOUND, "no live call in room " + event.room());
      case "sid_mismatch" -> msg.fail(BusErrors.CONFLICT, "room sid does not match the live call in room " + event.room());
      default -> msg.fail(BusErrors.INTERNAL, "unexpected result " + result.status());
    }
  }

  /** The agent's final lines and tool calls, for the customer's next line (AgentTurns). */
  private void noteAgentTurn(CallEvent event) {
    EventType type = EventType.byWire(event.type()).orElse(null);
    JsonObject d = event.data();
    if (type == EventType.TRANSCRIPT && d != null && "agent".equals(d.getString("role")) && d.getBoolean("final", true)) {
      agentTurns.agentLine(event.room(), d.getString("text"));
    } else if (type == EventType.TOOL_CALL) {
      agentTurns.toolCall(event.room(), d);
    }
  }

  private void publishDebug(CallEvent event) {
    JsonObject debug =
        new JsonObject()
            .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
            .put("room", event.room())
            .put("session_id", event.sessionId())
            .put("ts", event.ts() > 0 ? event.ts() : System.currentTimeMillis())
            .put("data", event.data());
    vertx.eventBus().publish(Addresses.callDebug(event.room()), debug);
  }

  private static JsonObject accepted(String session, long seq, boolean duplicate) {
    JsonObject reply =
        new JsonObject().put(SchemaVersion.FIELD, SchemaVersion.CURRENT).put("accepted", true).put("session_id", session);
    if (seq >= 0) {
      reply.put("seq", seq);
    }
    return reply.put("duplicate", duplicate);
  }

  @Override
  public Future<?> stop() {
    if (archiver != null) {
      archiver.stop();
    }
    if (wakeups != null) {
      wakeups.stop();
    }
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}
