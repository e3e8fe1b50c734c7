package io.switchboard.agent.runtime;

import io.switchboard.contract.live.AgentControl;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of supervisor control: applies one {@code agent.<room>.control} message
 * ({@link AgentControl}: guide, pause, resume, end) to this room's session and, when control asked
 * for an answer, says whether it did. A message naming another session (a stale click on a room
 * whose call has since been replaced) changes nothing and is answered "session mismatch".
 * (Control's {@code SupervisorActionRunner} is the sending side.)
 */
final class AgentControlHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AgentControlHandler.class);

  private AgentControlHandler() {}

  static void handle(CallSession session, Message<JsonObject> msg) {
    AgentControl c;
    try {
      c = AgentControl.fromJson(msg.body());
    } catch (RuntimeException e) {
      answer(msg, false, "malformed control message");
      return;
    }
    if (c.sessionId() != null && !c.sessionId().equals(session.sessionId())) {
      answer(msg, false, "session mismatch");
      return;
    }
    if (session.isEnded()) {
      answer(msg, false, "session ended");
      return;
    }
    String by = c.by() == null ? "supervisor" : c.by();
    LOG.atInfo().setMessage("agent control").addKeyValue("room", session.room())
        .addKeyValue("session", session.sessionId()).addKeyValue("type", c.type()).addKeyValue("by", by).log();
    switch (String.valueOf(c.type())) {
      case AgentControl.GUIDE -> {
        if (c.text() == null || c.text().isBlank()) {
          answer(msg, false, "guide needs text");
          return;
        }
        session.guide(c.text(), by);
      }
      case AgentControl.PAUSE -> session.pause(by);
      case AgentControl.RESUME -> session.resume(by);
      case AgentControl.END -> session.end("ended_by_supervisor", null);
      default -> {
        answer(msg, false, "unknown control type " + c.type());
        return;
      }
    }
    answer(msg, true, null);
  }

  /** Control may publish (no reply expected) or request; answer only requests. */
  private static void answer(Message<JsonObject> msg, boolean ok, String error) {
    if (msg.replyAddress() != null) {
      JsonObject r = new JsonObject().put("ok", ok);
      if (error != null) {
        r.put("error", error);
      }
      msg.reply(r);
    }
  }
}
