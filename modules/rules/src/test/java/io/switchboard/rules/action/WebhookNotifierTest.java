package io.switchboard.rules.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook action: the firing is POSTed as JSON; a hanging receiver is cut off at the action's timeout; overload drops. */
class WebhookNotifierTest {
  Vertx vertx;
  HttpServer server;
  final List<JsonObject> received = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer()
        .requestHandler(req -> {
          if (req.path().equals("/hang")) {
            return; // never answers
          }
          req.body().onSuccess(b -> {
            received.add(b.toJsonObject());
            req.response().setStatusCode(204).end();
          });
        })
        .listen(0, "127.0.0.1")
        .await(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  static void waitFor(java.util.function.BooleanSupplier ok) throws InterruptedException {
    long end = System.currentTimeMillis() + 5_000;
    while (!ok.getAsBoolean() && System.currentTimeMillis() < end) {
      Thread.sleep(10);
    }
  }

  @Test
  void postsTheFiringAndCutsAHangingReceiverOffAtItsTimeout() throws Exception {
    WebhookNotifier n = new WebhookNotifier(WebClient.create(vertx), 8);
    JsonObject payload = new JsonObject().put("rule_id", "billing").put("room", "r1").put("seq", 4);
    // warm the client up (class loading and the first connection take seconds on a loaded machine)
    n.notify(List.of(new JsonObject().put("url", url("/hook"))), new JsonObject().put("warm", true));
    waitFor(() -> n.stats().getLong("delivered") == 1);
    received.clear();
    long start = System.currentTimeMillis();
    n.notify(List.of(new JsonObject().put("url", url("/hook")), new JsonObject().put("url", url("/hang")).put("timeout_ms", 300)), payload);
    // notify does not wait: the hanging post is still on its way (the other may already be answered:
    // a warm keep-alive connection answers on another event loop within a millisecond)
    assertTrue(n.stats().getInteger("in_flight") >= 1, "notify returned with the hanging post still on its way");
    waitFor(() -> n.stats().getLong("delivered") == 2 && n.stats().getLong("failed") == 1);
    long took = System.currentTimeMillis() - start;
    assertEquals(List.of(payload), received);
    assertEquals(1L, n.stats().getLong("failed"), n.stats().encode());
    assertTrue(took < 2_000, "the hanging receiver was cut off after " + took + " ms");
    assertEquals(0, n.stats().getInteger("in_flight"));
  }

  @Test
  void moreThanTheConcurrencyInFlightAreDroppedNotQueued() throws Exception {
    WebhookNotifier n = new WebhookNotifier(WebClient.create(vertx), 2);
    JsonObject hang = new JsonObject().put("url", url("/hang")).put("timeout_ms", 1000);
    n.notify(List.of(hang, hang, hang, hang), new JsonObject().put("rule_id", "x"));
    assertEquals(2L, n.stats().getLong("dropped"));
    assertEquals(2, n.stats().getInteger("in_flight"));
    waitFor(() -> n.stats().getInteger("in_flight") == 0);
    assertEquals(2L, n.stats().getLong("failed"));
  }
}
