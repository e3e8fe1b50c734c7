package io.switchboard.webhook;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.CallEvent;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.EventType;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.platform.livekit.LiveKitApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends ghost calls: every period it compares {@code active_calls} with LiveKit's rooms and ends
 * each call whose room no longer exists (or exists with another sid: a new room of the same
 * name). Calls younger than a grace period and simulated calls (no LiveKit room) are left alone.
 */
final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  /** Bound of one ListRooms call: a pass that cannot list the rooms ends nothing. */
  static final int LIVEKIT_TIMEOUT_MS = 5000;
  private final Vertx vertx;
  private final RedisAPI redis;
  private final LiveKitApi liveKit;
  private final long graceMs;
  private volatile String lastError;
  private volatile long lastRun;

  Reconciler(Vertx vertx, RedisAPI redis, LiveKitApi liveKit, long graceMs) {
    this.vertx = vertx;
    this.graceMs = graceMs;
    this.redis = redis;
    this.liveKit = liveKit;
  }

  String lastError() {
    return lastError;
  }

  long lastRun() {
    return lastRun;
  }

  Future<Integer> reconcile() {
    return liveKit
        .roomSids()
        .compose(rooms -> redis.zrange(List.of(RedisKeys.ACTIVE_CALLS, "0", "-1")).compose(active -> endGhosts(rooms, active)))
        .onSuccess(n -> {
          lastError = null;
          lastRun = System.currentTimeMillis();
          if (n > 0) {
            LOG.atInfo().addKeyValue("ended", n).log("reconciler ended ghost calls");
          }
        })
        .onFailure(err -> {
          lastError = err.getMessage();
          LOG.atWarn().addKeyValue("error", err.getMessage()).log("reconcile failed");
        });
  }

  private Future<Integer> endGhosts(Map<String, String> liveKitRooms, Response active) {
    List<Future<Boolean>> ends = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (Response r : active) {
      String room = r.toString();
      ends.add(
          redis
              .hmget(List.of(RedisKeys.call(room), CallFields.ROOM_SID, CallFields.SIMULATED, CallFields.STARTED_AT))
              .compose(
                  f -> {
                    String sid = f.get(0) == null ? "" : f.get(0).toString();
                    boolean simulated = f.get(1) != null && "1".equals(f.get(1).toString());
                    long started = f.get(2) == null ? now : Long.parseLong(f.get(2).toString());
                    String liveSid = liveKitRooms.get(room);
                    boolean gone = liveSid == null || (!sid.isEmpty() && !liveSid.isEmpty() && !sid.equals(liveSid));
                    if (simulated || now - started < graceMs || !gone) {
                      return Future.succeededFuture(false);
                    }
                    JsonObject data = new JsonObject().put("reason", "reconciled");
                    if (!sid.isEmpty()) {
                      data.put("room_sid", sid);
                    }
                    CallEvent end = new CallEvent(room, null, EventType.CALL_ENDED.wire(), null, now, data);
                    return vertx.eventBus().request(Addresses.INGEST_CALL_EVENT, end.toJson()).map(m -> true).recover(e -> Future.succeededFuture(false));
                  }));
    }
    return Future.all(ends).map(cf -> (int) cf.list().stream().filter(Boolean.TRUE::equals).count());
  }
}
