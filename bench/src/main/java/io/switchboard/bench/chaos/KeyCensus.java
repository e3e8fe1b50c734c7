package io.switchboard.bench.chaos;

import io.switchboard.contract.live.RedisKeys;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The soak's account of Redis: every key by class (the key shapes of {@link RedisKeys}, the Lua
 * scripts of ingest, debouncer and control, and the debouncer's leases), and per class how many
 * have no TTL. SCAN COUNT 1000 and one small script per batch for the TTLs: a few round trips
 * per sample, no KEYS, so the node under load barely notices.
 */
final class KeyCensus {
  private KeyCensus() {}

  /** TTL of every key of a batch in one round trip (-1 = no TTL, -2 = gone since the SCAN). */
  private static final String TTLS = "local out = {} for i, k in ipairs(KEYS) do out[i] = redis.call('TTL', k) end return out";

  /** Keys and keys without a TTL of one class. */
  record Count(long keys, long noTtl) {
    JsonObject json() {
      return new JsonObject().put("keys", keys).put("no_ttl", noTtl);
    }
  }

  /**
   * One census: counts per class, {@code archive:pending} members (archive lag, in calls), live
   * calls ({@code active_calls}) and what Redis itself says before the SCAN.
   */
  record Census(Map<String, Count> byClass, long archivePending, long liveCalls, RedisView redis) {
    long keys(String cls) {
      Count c = byClass.get(cls);
      return c == null ? 0 : c.keys();
    }

    long noTtl(String cls) {
      Count c = byClass.get(cls);
      return c == null ? 0 : c.noTtl();
    }

    long total() {
      return byClass.values().stream().mapToLong(Count::keys).sum();
    }

    /** Call hashes of calls that ended and have not expired yet (archived or waiting for it). */
    long endedCalls() {
      return Math.max(0, keys(CALL) - liveCalls);
    }

    /** Ended calls still waiting for their archive: their hash has no TTL yet. */
    long unarchivedEndedCalls() {
      return Math.max(0, noTtl(CALL) - liveCalls);
    }

    JsonObject json() {
      JsonObject classes = new JsonObject();
      byClass.forEach((k, v) -> classes.put(k, v.json()));
      return new JsonObject().put("classes", classes).put("archive_pending", archivePending).put("live_calls", liveCalls)
          .put("ended_calls_in_redis", endedCalls()).put("ended_calls_unarchived", unarchivedEndedCalls())
          .put("dbsize", redis.dbsize()).put("keys_with_ttl", redis.keysWithTtl()).put("expired_stale_perc", redis.stalePercent());
    }
  }

  /**
   * Redis's own figures, read before the SCAN (which reclaims the expired keys it walks over):
   * DBSIZE and the keys with a TTL ({@code INFO keyspace}) also count keys whose TTL has passed but
   * that active expiry has not reached yet; {@code expired_stale_perc} ({@code INFO stats}) is
   * Redis's estimate of their share among the keys with a TTL.
   */
  record RedisView(long dbsize, long keysWithTtl, double stalePercent) {
    /** Keys Redis still counts although they have expired (its estimate). */
    long staleEstimate() {
      return Math.round(keysWithTtl * stalePercent / 100);
    }
  }

  static final String CALL = "call";
  static final String CALL_LOG = "call:log";
  static final String CALL_DEDUP = "call:dedup";
  static final String CALL_DEBUG = "call:debug";
  static final String CALL_ENDED = "call:ended";
  static final String OTHER = "other";

  /** The class of a key: its shape with the room, session or partition taken out. */
  static String classOf(String key) {
    if (key.startsWith(RedisKeys.CALL_PREFIX)) {
      // rooms hold no ':' (RoomNames), so a suffix is whatever follows the second ':'
      String rest = key.substring(RedisKeys.CALL_PREFIX.length());
      int colon = rest.indexOf(':');
      if (colon < 0) {
        return CALL;
      }
      return switch (rest.substring(colon)) {
        case RedisKeys.LOG_SUFFIX -> CALL_LOG;
        case RedisKeys.DEDUP_SUFFIX -> CALL_DEDUP;
        case RedisKeys.ENDED_SUFFIX -> CALL_ENDED;
        case ":debug" -> CALL_DEBUG;
        default -> "call:?" + rest.substring(colon);
      };
    }
    if (key.equals(RedisKeys.ACTIVE_CALLS) || key.equals(RedisKeys.ACTIVE_CALLS_VERSION) || key.equals(RedisKeys.ARCHIVE_PENDING)) {
      return key;
    }
    if (key.startsWith("parked:")) {
      return key.endsWith(RedisKeys.LOG_SUFFIX) ? "parked:log" : "parked";
    }
    for (String prefix : List.of("livekit:participants:", "livekit:participant-sids:", "takeover:", "ratelimit:guide:", "debouncer:lease:")) {
      if (key.startsWith(prefix)) {
        return prefix.substring(0, prefix.length() - 1);
      }
    }
    if (key.equals("debouncer:members")) {
      return key;
    }
    int colon = key.indexOf(':');
    return OTHER + ":" + (colon < 0 ? key : key.substring(0, colon));
  }

  static Census take(RedisAPI redis) throws Exception {
    long dbsize = redis.dbsize().await(10, TimeUnit.SECONDS).toLong();
    String info = redis.info(List.of("all")).await(10, TimeUnit.SECONDS).toString();
    RedisView view = new RedisView(dbsize, infoLong(info, "db0:", "expires="), infoDouble(info, "expired_stale_perc:"));
    Map<String, long[]> counts = new TreeMap<>();
    String cursor = "0";
    do {
      Response r = redis.scan(List.of(cursor, "COUNT", "1000")).await(10, TimeUnit.SECONDS);
      cursor = r.get(0).toString();
      Response batch = r.get(1);
      if (batch.size() == 0) {
        continue;
      }
      List<String> keys = new ArrayList<>(batch.size());
      for (Response k : batch) {
        keys.add(k.toString());
      }
      List<String> args = new ArrayList<>(keys.size() + 2);
      args.add(TTLS);
      args.add(String.valueOf(keys.size()));
      args.addAll(keys);
      Response ttls = redis.eval(args).await(10, TimeUnit.SECONDS);
      for (int i = 0; i < keys.size(); i++) {
        long ttl = ttls.get(i).toLong();
        if (ttl == -2) {
          continue; // expired between the SCAN and the TTL
        }
        long[] c = counts.computeIfAbsent(classOf(keys.get(i)), k -> new long[2]);
        c[0]++;
        if (ttl == -1) {
          c[1]++;
        }
      }
    } while (!"0".equals(cursor));
    long pending = redis.scard(RedisKeys.ARCHIVE_PENDING).await(10, TimeUnit.SECONDS).toLong();
    long live = redis.zcard(RedisKeys.ACTIVE_CALLS).await(10, TimeUnit.SECONDS).toLong();
    Map<String, Count> byClass = new TreeMap<>();
    counts.forEach((k, v) -> byClass.put(k, new Count(v[0], v[1])));
    return new Census(byClass, pending, live, view);
  }

  /** {@code db0:keys=N,expires=M,…}: the value after {@code field} on the line starting {@code line}. */
  static long infoLong(String info, String line, String field) {
    for (String l : info.split("\r?\n")) {
      if (l.startsWith(line)) {
        for (String part : l.substring(line.length()).split(",")) {
          if (part.startsWith(field)) {
            return Long.parseLong(part.substring(field.length()).trim());
          }
        }
      }
    }
    return 0;
  }

  static double infoDouble(String info, String line) {
    for (String l : info.split("\r?\n")) {
      if (l.startsWith(line)) {
        return Double.parseDouble(l.substring(line.length()).trim());
      }
    }
    return -1;
  }
}
