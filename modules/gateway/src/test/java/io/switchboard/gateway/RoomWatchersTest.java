package io.switchboard.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.WatchedRooms;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** docs/architecture.md#watched-rooms: what a gateway announces on calls.watched. */
@ExtendWith(VertxExtension.class)
class RoomWatchersTest {
  private final BlockingQueue<WatchedRooms> heard = new LinkedBlockingQueue<>();
  private Context loop;

  @BeforeEach
  void listen(Vertx vertx) throws Exception {
    vertx.eventBus().<JsonObject>consumer(Addresses.CALLS_WATCHED, m -> heard.add(WatchedRooms.fromJson(m.body())))
        .completion().await(5, TimeUnit.SECONDS);
    loop = vertx.getOrCreateContext();
  }

  @Test
  void theFirstSocketOfARoomAnnouncesItAndARefreshAnnouncesWhatIsStillWatched(Vertx vertx) throws Exception {
    RoomWatchers watchers = new RoomWatchers(vertx, 60_000);
    Object a = new Object();
    Object b = new Object();
    on(() -> {
      watchers.register(a, "r1");
      watchers.register(b, "r1"); // a second socket of the room: nothing new to say
      watchers.register(b, "r2");
      watchers.register(b, "r2"); // the same registration again
    });
    assertEquals(new WatchedRooms(List.of("r1"), 180_000), next(), "the TTL is three refresh periods");
    assertEquals(List.of("r2"), next().rooms(), "nothing for r1's second socket");
    on(watchers::refresh);
    assertEquals(Set.of("r1", "r2"), Set.copyOf(next().rooms()));

    on(() -> {
      watchers.socketClosed(b);
      watchers.refresh();
    });
    assertEquals(List.of("r1"), next().rooms(), "r1 still has a, r2 has nobody");
    on(() -> {
      watchers.unregister(a, "r1");
      watchers.refresh();
    });
    assertEquals(List.of(), next().rooms(), "nothing watched: the refresh says only that this gateway announces");
    on(() -> watchers.register(a, "r1"));
    assertEquals(List.of("r1"), next().rooms(), "watched again: announced at once");
  }

  @Test
  void aRefreshOfManyRoomsGoesOutInParts(Vertx vertx) throws Exception {
    RoomWatchers watchers = new RoomWatchers(vertx, 60_000);
    int n = RoomWatchers.MAX_ROOMS_PER_MESSAGE + 10;
    on(() -> {
      for (int i = 0; i < n; i++) {
        watchers.register(new Object(), "room-" + i);
      }
    });
    for (int i = 0; i < n; i++) {
      next();
    }
    on(watchers::refresh);
    WatchedRooms first = next();
    WatchedRooms second = next();
    assertEquals(RoomWatchers.MAX_ROOMS_PER_MESSAGE, first.rooms().size());
    Set<String> all = new HashSet<>(first.rooms());
    all.addAll(second.rooms());
    assertEquals(n, all.size(), "every room once");
  }

  @Test
  void startRefreshesAtOnceAndThenPeriodically(Vertx vertx) throws Exception {
    RoomWatchers watchers = new RoomWatchers(vertx, 50);
    on(() -> watchers.register(new Object(), "r1"));
    assertEquals(List.of("r1"), next().rooms());
    long t0 = System.nanoTime();
    on(watchers::start);
    assertEquals(List.of("r1"), next().rooms());
    assertEquals(List.of("r1"), next().rooms());
    assertEquals(List.of("r1"), next().rooms());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    on(watchers::stop);
    assertEquals(true, ms >= 100, "two periods of 50 ms passed between three refreshes: " + ms);
  }

  private WatchedRooms next() throws InterruptedException {
    WatchedRooms w = heard.poll(5, TimeUnit.SECONDS);
    assertNotNull(w, "no calls.watched message");
    return w;
  }

  /** Runs on the test's event-loop context, as the bridge calls it. */
  private void on(Runnable action) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    loop.runOnContext(v -> {
      try {
        action.run();
        done.complete(null);
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    done.get(5, TimeUnit.SECONDS);
  }
}
