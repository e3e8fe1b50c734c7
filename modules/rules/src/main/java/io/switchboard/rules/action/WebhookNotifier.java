package io.switchboard.rules.action;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a firing to a rule's webhook: asynchronous (nothing waits for it), each request bounded by
 * its action's {@code timeout_ms} (default 2 s), and at most {@code concurrency} in flight — beyond
 * that a notification is dropped and counted rather than queued, so a slow receiver can never
 * build up memory or delay a call.
 */
public final class WebhookNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
  static final int DEFAULT_TIMEOUT_MS = 2_000;

  private final WebClient client;
  private final int concurrency;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  public WebhookNotifier(WebClient client, int concurrency) {
    this.client = client;
    this.concurrency = concurrency;
  }

  public void notify(List<JsonObject> actions, JsonObject payload) {
    for (JsonObject action : actions) {
      if (inFlight.incrementAndGet() > concurrency) {
        inFlight.decrementAndGet();
        dropped.incrementAndGet();
        LOG.atWarn().addKeyValue("rule", payload.getString("rule_id")).log("rule webhook dropped: too many in flight");
        continue;
      }
      String url = action.getString("url");
      client
          .postAbs(url)
          .timeout(action.getInteger("timeout_ms", DEFAULT_TIMEOUT_MS))
          .sendJsonObject(payload)
          .onComplete(ar -> {
            inFlight.decrementAndGet();
            if (ar.succeeded() && ar.result().statusCode() < 300) {
              delivered.incrementAndGet();
            } else {
              failed.incrementAndGet();
              LOG.atWarn()
                  .addKeyValue("room", payload.getString("room"))
                  .addKeyValue("rule", payload.getString("rule_id"))
                  .addKeyValue("error", ar.succeeded() ? "HTTP " + ar.result().statusCode() : String.valueOf(ar.cause().getMessage()))
                  .log("rule webhook failed");
            }
          });
    }
  }

  public JsonObject stats() {
    return new JsonObject().put("delivered", delivered.get()).put("failed", failed.get()).put("dropped", dropped.get()).put("in_flight", inFlight.get());
  }
}
