package io.switchboard.agent;

import io.switchboard.contract.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Stands in for ingest: records every {@code ingest.call-event} body and acks it. */
public final class EventRecorder {
  private final Vertx vertx;
  private final List<JsonObject> events = new ArrayList<>();
  private MessageConsumer<JsonObject> consumer;

  public EventRecorder(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Void> register() {
    consumer = vertx.eventBus().consumer(Addresses.INGEST_CALL_EVENT, msg -> {
      synchronized (events) {
        events.add(msg.body());
      }
      msg.reply(new JsonObject().put("ok", true));
    });
    return consumer.completion();
  }

  public List<JsonObject> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  public List<JsonObject> where(Predicate<JsonObject> p) {
    return events().stream().filter(p).toList();
  }

  public static Predicate<JsonObject> type(String t) {
    return e -> t.equals(e.getString("event_type"));
  }

  /** Agent transcript lines. */
  public static Predicate<JsonObject> agentLine() {
    return e -> "transcript".equals(e.getString("event_type")) && "agent".equals(e.getJsonObject("data").getString("role"));
  }

  /** Completes once the condition holds, polling; fails after the timeout. */
  public static Future<Void> until(Vertx vertx, BooleanSupplier condition, long timeoutMs, String what) {
    Promise<Void> p = Promise.promise();
    long deadline = System.currentTimeMillis() + timeoutMs;
    vertx.setPeriodic(10, id -> {
      if (condition.getAsBoolean()) {
        vertx.cancelTimer(id);
        p.tryComplete();
      } else if (System.currentTimeMillis() > deadline) {
        vertx.cancelTimer(id);
        p.tryFail(new AssertionError("timed out waiting for " + what));
      }
    });
    return p.future();
  }

  public static Future<Void> sleep(Vertx vertx, long ms) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, id -> p.complete());
    return p.future();
  }
}
