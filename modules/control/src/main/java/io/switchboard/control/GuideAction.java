package io.switchboard.control;

import io.switchboard.contract.BusErrors;
import io.switchboard.contract.control.ControlActions;
import io.switchboard.contract.control.ControlRequest;
import io.switchboard.contract.live.AgentControl;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A text instruction for the agent, sent as server data in the room (and on the agent's bus
 * address): the seed trusted any participant named {@code supervisor_*}; here only the API-secret
 * holder can send it, and only an authenticated supervisor reaches control. The reply says whether
 * an agent received it. Rate limited: every guide interrupts the agent.
 */
final class GuideAction implements ControlAction {
  private final ControlServices s;

  GuideAction(ControlServices s) {
    this.s = s;
  }

  @Override
  public String name() {
    return ControlActions.GUIDE;
  }

  @Override
  public void validate(ControlRequest request) {
    String text = request.text() == null ? "" : request.text().trim();
    if (text.isEmpty()) {
      throw new ControlFailure(BusErrors.BAD_REQUEST, "text is required for guide");
    }
    if (text.length() > ControlRequest.MAX_GUIDE_LENGTH) {
      throw new ControlFailure(
          BusErrors.BAD_REQUEST, "text is " + text.length() + " characters; at most " + ControlRequest.MAX_GUIDE_LENGTH + " allowed");
    }
  }

  @Override
  public Future<JsonObject> run(Caller caller, ControlRequest request, CallState call) {
    String text = request.text().trim();
    return s.guideLimiter()
        .admit(call.room(), caller.user())
        .compose(
            v -> s.agent()
                .send(call, AgentControl.GUIDE, text, caller.user())
                .compose(delivery -> s.events()
                    .supervisor(call, ControlActions.GUIDE, caller.user(), text, null)
                    .map(recorded -> delivery.into(new JsonObject().put("state_recorded", recorded)))));
  }
}
