package io.switchboard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.control.CallerHeaders;
import io.switchboard.contract.control.ControlActions;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.testkit.Eventually;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A deployed control verticle on a real event bus with stand-ins for its neighbours: an ingest
 * consumer and an audit consumer that record what control sends (and ack it), plus recorders on
 * rooms' agent control addresses. Tests call it from the JUnit thread and block on results.
 */
final class ControlHarness {
  final Vertx vertx;
  final RedisAPI redis;
  final List<JsonObject> ingest = new CopyOnWriteArrayList<>();
  final List<JsonObject> audits = new CopyOnWriteArrayList<>();
  final Map<String, List<JsonObject>> controls = new ConcurrentHashMap<>();
  private MessageConsumer<JsonObject> auditConsumer;

  private ControlHarness(Vertx vertx, RedisAPI redis) {
    this.vertx = vertx;
    this.redis = redis;
  }

  static ControlHarness start(Vertx vertx, String redisUrl, JsonObject extraConfig) {
    ControlHarness h = new ControlHarness(vertx, RedisAPI.api(Redis.createClient(vertx, redisUrl)));
    await(vertx.eventBus().<JsonObject>consumer(Addresses.INGEST_CALL_EVENT, m -> {
      h.ingest.add(m.body());
      m.reply(new JsonObject().put("accepted", true));
    }).completion());
    h.auditConsumer = vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT_RECORD, m -> {
      h.audits.add(m.body());
      m.reply(new JsonObject().put("ok", true));
    });
    await(h.auditConsumer.completion());
    JsonObject config = new JsonObject().put("redis.url", redisUrl).put("node.id", "test").mergeIn(extraConfig);
    await(vertx.deployVerticle(new ControlVerticle(), new DeploymentOptions().setConfig(config)));
    return h;
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new RuntimeException(e.getCause());
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  /** The audit store goes away: every audit record now fails (counted in {@code audits}). */
  void failAudits() {
    await(auditConsumer.unregister());
    auditConsumer = vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT_RECORD, m -> {
      audits.add(m.body());
      m.fail(500, "audit store down");
    });
    await(auditConsumer.completion());
  }

  /** A call as ingest would have written it. */
  void seedCall(String room, String session, String roomSid, String status) {
    List<String> args = new ArrayList<>(List.of(RedisKeys.call(room), "room", room, "session_id", session, "status", status, "agent", "agent-1"));
    if (roomSid != null) {
      args.addAll(List.of("room_sid", roomSid));
    }
    await(redis.hset(args));
  }

  /** Starts recording what is published on {@code agent.<room>.control}. */
  List<JsonObject> recordControls(String room) {
    List<JsonObject> out = controls.computeIfAbsent(room, r -> new CopyOnWriteArrayList<>());
    // answers like the simulator does when asked (control requests on the bus path)
    await(vertx.eventBus().<JsonObject>consumer(Addresses.agentControl(room), m -> {
      out.add(m.body());
      if (m.replyAddress() != null) {
        m.reply(new JsonObject().put("ok", true));
      }
    }).completion());
    return out;
  }

  JsonObject ok(String action, String user, String role, JsonObject body) {
    return await(send(action, user, role, body)).body();
  }

  ReplyException failure(String action, String user, String role, JsonObject body) {
    try {
      JsonObject reply = await(send(action, user, role, body)).body();
      return fail("expected " + action + " to fail, got " + reply);
    } catch (ReplyException e) {
      return e;
    }
  }

  Future<Message<JsonObject>> send(String action, String user, String role, Object body) {
    DeliveryOptions opts = new DeliveryOptions().setSendTimeout(8000);
    if (user != null) {
      opts.addHeader(CallerHeaders.USER, user);
    }
    if (role != null) {
      opts.addHeader(CallerHeaders.ROLE, role);
    }
    return vertx.eventBus().request(ControlActions.address(action), body, opts);
  }

  String get(String key) {
    Response r = await(redis.get(key));
    return r == null ? null : r.toString();
  }

  /** Ingest events of one room and type, in arrival order. */
  List<JsonObject> ingested(String room, String type) {
    return ingest.stream().filter(e -> room.equals(e.getString("room_name")) && type.equals(e.getString("event_type"))).toList();
  }

  List<JsonObject> auditsOf(String room) {
    return audits.stream().filter(a -> room.equals(a.getString("room"))).toList();
  }

  /**
   * Waits until audits hold {@code n} records in total, then checks no extra one follows. Audits
   * are fire-and-forget after the reply, so no later event marks "all audits are in": a bounded
   * {@code never} check over 150 ms.
   */
  void expectAudits(int n) {
    eventually(() -> audits.size() >= n, "audits: " + audits);
    Eventually.never("more than " + n + " audit records", Duration.ofMillis(150), () -> audits.size() > n);
    assertEquals(n, audits.size(), () -> "audits: " + audits);
  }

  static void eventually(BooleanSupplier cond, String what) {
    Eventually.eventually(what, Duration.ofSeconds(5), cond::getAsBoolean);
  }

  static JsonObject room(String room) {
    return new JsonObject().put("room", room);
  }
}
