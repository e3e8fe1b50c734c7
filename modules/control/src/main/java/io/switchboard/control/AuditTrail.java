package io.switchboard.control;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.analytics.AuditRecord;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
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

  private final Vertx vertx;

  AuditTrail(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Sends the record; one that the contract refuses (e.g. an absurd room name) is sent without the bad field. */
  void record(AuditRecord e) {
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
