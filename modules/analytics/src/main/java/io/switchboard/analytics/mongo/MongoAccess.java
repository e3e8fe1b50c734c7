package io.switchboard.analytics.mongo;

import io.switchboard.contract.BusErrors;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/**
 * How this verticle talks to MongoDB: every operation is bounded in time, and any failure to reach
 * or use the database becomes a 503 for the caller. Failing fast matters more than waiting: the
 * archive sender retries until acknowledged, and a dashboard shows the error instead of spinning.
 */
public final class MongoAccess {
  private final long timeoutMs;

  public MongoAccess(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  /** Mongo client options: driver-side timeouts a little below our own bound. */
  public static JsonObject clientConfig(String url, String db, int timeoutMs) {
    return new JsonObject()
        .put("connection_string", url)
        .put("db_name", db)
        .put("serverSelectionTimeoutMS", timeoutMs)
        .put("connectTimeoutMS", timeoutMs)
        .put("socketTimeoutMS", Math.max(timeoutMs * 5, 10_000))
        // notice a restarted server quickly: the driver re-checks at this pace while it is unknown
        .put("heartbeatFrequencyMS", 1_000);
  }

  public <T> Future<T> bounded(Future<T> op) {
    return op.timeout(timeoutMs + 500, TimeUnit.MILLISECONDS);
  }

  /** Replies a 503 {@code "<what> unavailable: <cause>"} for a failed Mongo operation. */
  public static void failUnavailable(Message<?> msg, String what, Throwable err) {
    msg.fail(BusErrors.UNAVAILABLE, what + " unavailable: " + describe(err));
  }

  public static String describe(Throwable err) {
    if (err instanceof ReplyException) {
      return err.getMessage();
    }
    String m = err.getMessage();
    String name = err.getClass().getSimpleName();
    if (m == null) {
      return name;
    }
    // driver messages can be long cluster descriptions: the first sentence is the useful part
    int cut = m.indexOf(". ");
    return name + ": " + (cut > 0 && cut < 200 ? m.substring(0, cut) : m.length() > 300 ? m.substring(0, 300) : m);
  }

  public static boolean isDuplicateKey(Throwable err) {
    String m = String.valueOf(err.getMessage());
    return m.contains("E11000") || m.contains("duplicate key");
  }
}
