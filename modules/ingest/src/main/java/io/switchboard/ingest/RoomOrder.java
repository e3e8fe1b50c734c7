package io.switchboard.ingest;

import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Applies one room's events in arrival order. Pooled Redis connections could otherwise run two
 * scripts of the same room out of order (an agent's interim after its final, say). Rooms are
 * independent, so this costs nothing across rooms. Used from one event loop only.
 */
final class RoomOrder {
  private final Map<String, Future<?>> tails = new HashMap<>();

  <T> Future<T> run(String room, Supplier<Future<T>> op) {
    Future<?> tail = tails.get(room);
    Future<T> next = tail == null ? op.get() : tail.transform(ar -> op.get());
    tails.put(room, next);
    next.onComplete(
        ar -> {
          if (tails.get(room) == next) {
            tails.remove(room);
          }
        });
    return next;
  }
}
