package io.switchboard.ingest;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.ArchivedCall;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.platform.redis.LiveStateCodec;
import io.switchboard.platform.redis.LuaScript;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands ended calls to analytics ({@code call.ended}) at least once: the call stays in Redis
 * (listed in {@code archive:pending}) until analytics acknowledges the write, every failure is
 * retried with back-off, and a periodic sweep picks up calls a crashed node left pending. Only
 * after the acknowledgement do the call's keys get a TTL.
 */
final class Archiver {
  private static final Logger LOG = LoggerFactory.getLogger(Archiver.class);
  private static final LuaScript READ = LuaScript.fromResource(Archiver.class, "lua/read-ended-call.lua");
  private static final LuaScript MARK = LuaScript.fromResource(Archiver.class, "lua/mark-archived.lua");
  private static final long MAX_BACKOFF_MS = 30_000;

  private final Vertx vertx;
  private final RedisAPI redis;
  private final int ttlSeconds;
  private final Set<String> inFlight = new HashSet<>();
  private final IngestMetrics metrics;
  private long sweepTimer = -1;

  Archiver(Vertx vertx, RedisAPI redis, int ttlSeconds, IngestMetrics metrics) {
    this.metrics = metrics;
    this.vertx = vertx;
    this.redis = redis;
    this.ttlSeconds = ttlSeconds;
  }

  void start(long sweepPeriodMs) {
    sweepTimer = vertx.setPeriodic(1000, sweepPeriodMs, id -> sweep());
  }

  void stop() {
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    metrics.pending(-inFlight.size());
  }

  /** Archives (room, session) now and until acknowledged. */
  void archive(String room, String session) {
    String member = room + "|" + session;
    if (inFlight.add(member)) {
      metrics.pending(1);
      attempt(room, session, member, 250);
    }
  }

  private void sweep() {
    redis
        .smembers(RedisKeys.ARCHIVE_PENDING)
        .onSuccess(
            members -> {
              for (Response m : members) {
                String member = m.toString();
                int bar = member.indexOf('|');
                if (bar > 0) {
                  archive(member.substring(0, bar), member.substring(bar + 1));
                }
              }
            });
  }

  private void attempt(String room, String session, String member, long backoffMs) {
    read(room, session)
        .compose(
            call -> {
              if (call == null) {
                // nothing left to archive (already released elsewhere): just clear the marker
                return mark(room, session, member);
              }
              return vertx
                  .eventBus()
                  .request(Addresses.CALL_ENDED, call.toJson(), new DeliveryOptions().setSendTimeout(10_000))
                  .onSuccess(ack -> metrics.archived(call))
                  .compose(ack -> mark(room, session, member));
            })
        .onSuccess(
            v -> {
              inFlight.remove(member);
              metrics.pending(-1);
              LOG.atInfo().addKeyValue("room", room).addKeyValue("session", session).log("call archived");
            })
        .onFailure(
            err -> {
              LOG.atWarn()
                  .addKeyValue("room", room)
                  .addKeyValue("session", session)
                  .addKeyValue("retryInMs", backoffMs)
                  .addKeyValue("error", err.getMessage())
                  .log("archive failed, will retry");
              vertx.setTimer(backoffMs, t -> attempt(room, session, member, Math.min(MAX_BACKOFF_MS, backoffMs * 2)));
            });
  }

  private Future<ArchivedCall> read(String room, String session) {
    return READ.run(
            redis,
            List.of(RedisKeys.call(room), RedisKeys.log(room), RedisKeys.parked(room, session), RedisKeys.parkedLog(room, session)),
            List.of(session))
        .map(
            r -> {
              if ("gone".equals(r.get(0).toString())) {
                return null;
              }
              JsonObject fields = LiveStateCodec.fields(r.get(1));
              return new ArchivedCall(room, session, fields, LiveStateCodec.lines(r.get(2)));
            });
  }

  private Future<Void> mark(String room, String session, String member) {
    return MARK.run(
            redis,
            List.of(
                RedisKeys.call(room),
                RedisKeys.log(room),
                RedisKeys.dedup(room),
                RedisKeys.parked(room, session),
                RedisKeys.parkedLog(room, session),
                RedisKeys.ARCHIVE_PENDING,
                RedisKeys.debug(room)),
            List.of(session, member, String.valueOf(ttlSeconds)))
        .mapEmpty();
  }
}
