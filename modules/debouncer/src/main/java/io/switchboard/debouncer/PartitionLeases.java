package io.switchboard.debouncer;

import io.switchboard.platform.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly one debouncer instance publishes for a room at a time (docs/architecture.md#cluster-model). Rooms hash into
 * {@link #PARTITIONS} partitions; each is a lease in Redis ({@code debouncer:lease:<p>}, TTL
 * {@link #TTL_MS}). Every instance heartbeats in {@code debouncer:members}, holds at most its fair
 * share of partitions and takes free ones; a dead instance's leases expire and are taken over
 * within about {@code TTL_MS + RENEW_MS}. Duplicates during hand-over are harmless (clients
 * de-duplicate by seq).
 */
final class PartitionLeases {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionLeases.class);
  static final int PARTITIONS = 32;
  static final long TTL_MS = 6000;
  static final long RENEW_MS = 2000;
  private static final String MEMBERS = "debouncer:members";
  private static final LuaScript LEASE = LuaScript.fromResource(PartitionLeases.class, "lua/lease.lua");

  private final Vertx vertx;
  private final RedisAPI redis;
  private final String owner;
  private final Consumer<Set<Integer>> onAcquired;
  private final Consumer<Set<Integer>> onLost;
  // written on the event loop only; concurrent so owned() may be read from any thread (tests, health)
  private final Set<Integer> owned = new java.util.concurrent.ConcurrentSkipListSet<>();
  private final java.util.Map<Integer, Long> ownedSince = new java.util.concurrent.ConcurrentHashMap<>();
  private long timer = -1;
  private boolean ticking;

  PartitionLeases(Vertx vertx, RedisAPI redis, String owner, Consumer<Set<Integer>> onAcquired, Consumer<Set<Integer>> onLost) {
    this.vertx = vertx;
    this.redis = redis;
    this.owner = owner;
    this.onAcquired = onAcquired;
    this.onLost = onLost;
  }

  static int partitionOf(String room) {
    return Math.floorMod(room.hashCode(), PARTITIONS);
  }

  boolean owns(String room) {
    return owned.contains(partitionOf(room));
  }

  /** When this instance took the room's partition (epoch ms), or Long.MAX_VALUE if not owned. */
  long ownedSince(String room) {
    return ownedSince.getOrDefault(partitionOf(room), Long.MAX_VALUE);
  }

  Set<Integer> owned() {
    return Set.copyOf(owned);
  }

  Future<Void> start() {
    timer = vertx.setPeriodic(RENEW_MS, id -> tick());
    return tick();
  }

  Future<Void> stop() {
    vertx.cancelTimer(timer);
    List<Future<?>> releases = new ArrayList<>();
    for (int p : owned) {
      releases.add(LEASE.run(redis, List.of(key(p)), List.of(owner, "0", "release")));
    }
    releases.add(redis.zrem(List.of(MEMBERS, owner)));
    owned.clear();
    return Future.join(releases).mapEmpty();
  }

  private Future<Void> tick() {
    if (ticking) {
      return Future.succeededFuture();
    }
    ticking = true;
    long now = System.currentTimeMillis();
    return redis
        .zadd(List.of(MEMBERS, String.valueOf(now), owner))
        .compose(r -> redis.zremrangebyscore(MEMBERS, "-inf", String.valueOf(now - TTL_MS)))
        .compose(r -> redis.zcard(MEMBERS))
        .compose(count -> balance(Math.max(1, count.toInteger())))
        .onFailure(err -> LOG.atDebug().addKeyValue("error", err.getMessage()).log("lease tick failed"))
        .eventually(() -> {
          ticking = false;
          return Future.succeededFuture();
        })
        .recover(err -> Future.succeededFuture());
  }

  private Future<Void> balance(int members) {
    int share = (PARTITIONS + members - 1) / members;
    List<Future<?>> steps = new ArrayList<>();
    Set<Integer> acquired = new TreeSet<>();
    Set<Integer> lost = new TreeSet<>();
    List<Integer> mine = new ArrayList<>(owned);
    // keep (renew) up to our share, release the rest so newcomers get theirs
    for (int i = 0; i < mine.size(); i++) {
      int p = mine.get(i);
      boolean keep = i < share;
      steps.add(
          LEASE.run(redis, List.of(key(p)), List.of(owner, String.valueOf(TTL_MS), keep ? "keep" : "release"))
              .onSuccess(
                  r -> {
                    if (r.toInteger() == 0) {
                      lost.add(p);
                    }
                  }));
    }
    int wanted = share - Math.min(share, mine.size());
    Future<?> claims =
        wanted == 0
            ? Future.succeededFuture()
            : freePartitions().compose(free -> {
                // random order so instances starting together do not all race for the same ones
                java.util.Collections.shuffle(free);
                List<Future<?>> tries = new ArrayList<>();
                for (int partition : free.subList(0, Math.min(wanted, free.size()))) {
                  tries.add(LEASE.run(redis, List.of(key(partition)), List.of(owner, String.valueOf(TTL_MS), "keep"))
                      .onSuccess(r -> {
                        if (r.toInteger() == 1) {
                          acquired.add(partition);
                        }
                      }));
                }
                return Future.join(tries);
              });
    steps.add(claims);
    return Future.join(steps)
        .eventually(
            () -> {
              long now = System.currentTimeMillis();
              owned.removeAll(lost);
              lost.forEach(ownedSince::remove);
              owned.addAll(acquired);
              acquired.forEach(p -> ownedSince.put(p, now));
              if (!lost.isEmpty()) {
                onLost.accept(lost);
              }
              if (!acquired.isEmpty()) {
                LOG.atInfo().addKeyValue("owner", owner).addKeyValue("partitions", acquired.toString()).log("debouncer partitions acquired");
                onAcquired.accept(acquired);
              }
              return Future.succeededFuture();
            })
        .mapEmpty();
  }

  /** Partitions nobody holds right now (one MGET of every lease). */
  private Future<List<Integer>> freePartitions() {
    List<String> keys = new ArrayList<>(PARTITIONS);
    for (int p = 0; p < PARTITIONS; p++) {
      keys.add(key(p));
    }
    return redis.mget(keys).map(r -> {
      List<Integer> free = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        if (r.get(p) == null && !owned.contains(p)) {
          free.add(p);
        }
      }
      return free;
    });
  }

  private static String key(int partition) {
    return "debouncer:lease:" + partition;
  }
}
