package io.switchboard.agent.sim;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.analytics.KpiBucket;
import io.switchboard.contract.analytics.KpiQuery;
import io.switchboard.contract.live.ArchivedCall;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the generated demo history ({@link DemoHistory}) into the archive the ordinary way — one
 * {@code call.ended} request per call, as ingest archives a live call — and only when the archive
 * is empty: it first asks {@code analytics.query} for the calls of the longest KPI range (two
 * years up to now) and seeds nothing when there is even one. Analytics may start after this
 * verticle or on another node, so an unanswered question is asked again for a while; giving up
 * only costs the demo its history.
 */
public final class DemoHistorySeeder {
  private static final Logger LOG = LoggerFactory.getLogger(DemoHistorySeeder.class);
  static final long RETRY_MS = 2_000;
  static final int ATTEMPTS = 30;
  private static final long TIMEOUT_MS = 10_000;

  private final Vertx vertx;

  public DemoHistorySeeder(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Seeds the history when the archive is empty; completes with the number of calls archived (0 when it was not empty). */
  public Future<Integer> seedIfEmpty(Supplier<List<ArchivedCall>> history) {
    return archivedCalls(ATTEMPTS).compose(existing -> {
      if (existing > 0) {
        LOG.atInfo().addKeyValue("archived", existing).log("archive not empty: no demo history added");
        return Future.succeededFuture(0);
      }
      List<ArchivedCall> calls = history.get();
      return archiveInOrder(calls, 0).map(calls.size()).onSuccess(n ->
          LOG.atInfo().addKeyValue("calls", n).addKeyValue("address", Addresses.CALL_ENDED)
              .log("demo history archived (marked demo: true)"));
    });
  }

  private Future<Long> archivedCalls(int attemptsLeft) {
    Instant now = Instant.now();
    KpiQuery everything = new KpiQuery(now.minus(Duration.ofDays(730)), now.plus(Duration.ofHours(1)), KpiBucket.WEEK,
        null, null, ZoneOffset.UTC);
    return vertx.eventBus().<JsonObject>request(Addresses.ANALYTICS_QUERY, everything.toJson(), new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .map(reply -> reply.body().getJsonObject("totals", new JsonObject()).getLong("calls", 0L))
        .recover(err -> {
          if (attemptsLeft <= 1) {
            LOG.atWarn().addKeyValue("error", String.valueOf(err.getMessage())).log("analytics did not answer: no demo history");
            return Future.failedFuture(err);
          }
          return later(RETRY_MS).compose(v -> archivedCalls(attemptsLeft - 1));
        });
  }

  /** One call at a time: the embedded archive is not hurried and live traffic keeps its share of the bus. */
  private Future<Void> archiveInOrder(List<ArchivedCall> calls, int i) {
    if (i >= calls.size()) {
      return Future.succeededFuture();
    }
    return vertx.eventBus().request(Addresses.CALL_ENDED, calls.get(i).toJson(), new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .compose(reply -> archiveInOrder(calls, i + 1));
  }

  private Future<Void> later(long ms) {
    return Future.future(p -> vertx.setTimer(ms, id -> p.complete()));
  }
}
