package io.switchboard.control;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.SchemaVersion;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audit record per action attempt, to analytics ({@code audit.record}). Auditing is
 * best-effort by design: an unreachable audit store is logged, never turned into a failed
 * action (a supervisor must still be able to end a call while analytics restarts).
 */
final class AuditTrail {
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
  private static final long TIMEOUT_MS = 5000;

  /** What one attempt did; {@code args} hold the request's own fields only (no tokens). */
  record Entry(String who, String role, String action, String room, String sessionId, JsonObject args,
               boolean ok, String message, long latencyMs, Instant at) {
    JsonObject toJson() {
      return new JsonObject()
          .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
          .put("who", who)
          .put("role", role)
          .put("action", action)
          .put("room", room)
          .put("session_id", sessionId)
          .put("args", args)
          .put("result", ok ? "ok" : "failed")
          .put("message", message)
          .put("latency_ms", latencyMs)
          .put("at", at.toString());
    }
  }

  private final Vertx vertx;

  AuditTrail(Vertx vertx) {
    this.vertx = vertx;
  }

  void record(Entry e) {
    vertx
        .eventBus()
        .request(Addresses.AUDIT_RECORD, e.toJson(), new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .onFailure(
            err ->
                LOG.atWarn()
                    .addKeyValue("action", e.action())
                    .addKeyValue("room", e.room())
                    .addKeyValue("user", e.who())
                    .addKeyValue("error", err.getMessage())
                    .log("audit record not stored"));
  }
}
