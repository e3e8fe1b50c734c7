package io.switchboard.control;

import io.switchboard.contract.BusErrors;
import io.switchboard.contract.RoomNames;
import io.switchboard.contract.SchemaVersion;
import io.switchboard.contract.analytics.AuditRecord;
import io.switchboard.contract.control.CallerHeaders;
import io.switchboard.contract.control.ControlRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common path of every {@code control.<action>} request: caller (401/403), body (400), the
 * action's own checks (400), the live call (404/410), the action, the reply, and exactly one
 * audit record and one log line per attempt whatever happened.
 */
final class SupervisorActionRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SupervisorActionRunner.class);
  private static final int MAX_AUDIT_STRING = 2000;

  private final ControlServices services;
  private final AuditTrail audit;
  private final Clock clock;
  private final ControlMetrics metrics = new ControlMetrics();

  SupervisorActionRunner(ControlServices services, AuditTrail audit, Clock clock) {
    this.services = services;
    this.audit = audit;
    this.clock = clock;
  }

  void handle(ControlAction action, Message<Object> msg) {
    long started = System.nanoTime();
    Attempt attempt = new Attempt(action.name(), msg);
    Future<JsonObject> outcome;
    try {
      Caller caller = Caller.authorize(msg.headers(), action.name());
      ControlRequest request = parse(msg.body());
      action.validate(request);
      outcome =
          services
              .calls()
              .requireLive(request.room())
              .compose(
                  call -> {
                    attempt.sessionId = call.sessionId();
                    return action.run(caller, request, call);
                  });
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    outcome.onComplete(
        ar -> {
          long latencyMs = (System.nanoTime() - started) / 1_000_000;
          if (ar.succeeded()) {
            JsonObject reply =
                new JsonObject()
                    .put(SchemaVersion.FIELD, SchemaVersion.CURRENT)
                    .put("ok", true)
                    .put("action", action.name())
                    .put("room", attempt.room)
                    .put("session_id", attempt.sessionId)
                    .mergeIn(ar.result());
            msg.reply(reply);
            // accepted, but the audit must say when the agent never got it (issue 15: say what happened)
            String detail = Boolean.FALSE.equals(reply.getValue("delivered"))
                ? "not delivered to the agent: " + reply.getString("reason", "unknown")
                : null;
            finish(attempt, true, null, latencyMs, detail);
          } else {
            ControlFailure f = ControlFailure.of(ar.cause());
            msg.fail(f.code(), f.getMessage());
            finish(attempt, false, f, latencyMs, null);
          }
        });
  }

  /** Field types are checked one by one so the caller learns which field is wrong. */
  static ControlRequest parse(Object body) {
    if (!(body instanceof JsonObject j)) {
      throw new ControlFailure(BusErrors.BAD_REQUEST, "expected a JSON object {room, text?, language?, force?}");
    }
    for (String field : new String[] {"room", "text", "language"}) {
      Object v = j.getValue(field);
      if (v != null && !(v instanceof String)) {
        throw new ControlFailure(BusErrors.BAD_REQUEST, field + " must be a string");
      }
    }
    Object force = j.getValue("force");
    if (force != null && !(force instanceof Boolean)) {
      throw new ControlFailure(BusErrors.BAD_REQUEST, "force must be true or false");
    }
    String room = j.getString("room");
    if (room == null || room.isBlank()) {
      throw new ControlFailure(BusErrors.BAD_REQUEST, "room is required");
    }
    if (!RoomNames.isValid(room)) {
      throw new ControlFailure(BusErrors.BAD_REQUEST, "invalid room: " + RoomNames.problem(room));
    }
    return ControlRequest.fromJson(j);
  }

  private void finish(Attempt a, boolean ok, ControlFailure failure, long latencyMs, String detail) {
    String message = failure == null ? detail : failure.getMessage();
    metrics.action(a.action, failure == null ? 0 : failure.code());
    audit.record(auditRecord(a, ok, message, latencyMs));
    // never the token (not in this line) nor guide text (args are not logged) at INFO
    var log = ok || (failure != null && BusErrors.isClientError(failure.code())) ? LOG.atInfo() : LOG.atWarn();
    log.addKeyValue("action", a.action)
        .addKeyValue("room", a.room)
        .addKeyValue("session", a.sessionId)
        .addKeyValue("user", a.who)
        .addKeyValue("role", a.role)
        .addKeyValue("result", ok ? "ok" : "failed")
        .addKeyValue("code", failure == null ? null : failure.code())
        .addKeyValue("message", message)
        .addKeyValue("latency_ms", latencyMs)
        .log("control action");
  }

  /** What the audit needs to know about an attempt, filled in as far as the attempt got. */
  private static final class Attempt {
    final String action;
    final String who;
    final String role;
    final String room;
    final JsonObject args = new JsonObject();
    String sessionId;

    Attempt(String action, Message<Object> msg) {
      this.action = action;
      String user = msg.headers().get(CallerHeaders.USER);
      this.who = user == null || user.isBlank() ? "unknown" : user.trim();
      this.role = msg.headers().get(CallerHeaders.ROLE);
      JsonObject body = msg.body() instanceof JsonObject j ? j : new JsonObject();
      this.room = body.getValue("room") instanceof String r ? r : null;
      for (String k : new String[] {"text", "language", "force"}) {
        Object v = body.getValue(k);
        if (v instanceof String str && str.length() > MAX_AUDIT_STRING) {
          v = str.substring(0, MAX_AUDIT_STRING) + "…";
        }
        if (v != null) {
          args.put(k, v);
        }
      }
    }
  }

  /** The contract's audit record; input the record refuses (an oversized room name) is dropped from it. */
  private AuditRecord auditRecord(Attempt a, boolean ok, String message, long latencyMs) {
    try {
      return new AuditRecord(a.who, a.role, a.action, a.room, a.sessionId, a.args, ok, message, latencyMs, clock.instant());
    } catch (IllegalArgumentException invalid) {
      String why = (message == null ? "" : message + "; ") + "audit input refused: " + invalid.getMessage();
      return new AuditRecord(truncate(a.who), null, a.action, null, null, new JsonObject(), ok, why, latencyMs, clock.instant());
    }
  }

  private static String truncate(String s) {
    return s.length() > AuditRecord.MAX_TEXT ? s.substring(0, AuditRecord.MAX_TEXT) : s;
  }
}
