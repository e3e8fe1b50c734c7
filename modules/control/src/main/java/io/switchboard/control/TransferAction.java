package io.switchboard.control;

import io.switchboard.contract.BusErrors;
import io.switchboard.contract.control.ControlActions;
import io.switchboard.contract.control.ControlRequest;
import io.switchboard.contract.live.AgentControl;
import io.switchboard.contract.live.AgentDelivery;
import io.switchboard.platform.livekit.LiveKitFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Hands the caller to a human queue for a language: a SIP REFER of the customer participant to
 * the configured target. The call then ends for Switchboard (reason {@code transferred}).
 */
final class TransferAction implements ControlAction {
  private final ControlServices s;

  TransferAction(ControlServices s) {
    this.s = s;
  }

  @Override
  public String name() {
    return ControlActions.TRANSFER;
  }

  @Override
  public void validate(ControlRequest request) {
    target(request.language());
  }

  private String target(String language) {
    Map<String, String> targets = s.config().transferTargets();
    String configured = targets.isEmpty() ? "none" : String.join(", ", targets.keySet().stream().sorted().toList());
    if (language == null || language.isBlank()) {
      throw new ControlFailure(BusErrors.BAD_REQUEST, "language is required for transfer (configured: " + configured + ")");
    }
    String target = targets.get(language.trim());
    if (target == null) {
      throw new ControlFailure(BusErrors.BAD_REQUEST, "unknown language '" + language + "' (configured: " + configured + ")");
    }
    return target;
  }

  /**
   * LiveKit refuses to transfer a participant that did not come in over SIP (a web caller) with
   * HTTP 400 "no SIP session associated with participant": a conflict with the call, not a
   * LiveKit outage.
   */
  private static Throwable notSip(Throwable err, String customer) {
    if (err instanceof LiveKitFailure f && f.upstreamStatus() == 400 && f.getMessage().contains("no SIP session")) {
      return new ControlFailure(BusErrors.CONFLICT, "cannot transfer " + customer + ": not a phone (SIP) participant (" + f.getMessage() + ")");
    }
    return err;
  }

  @Override
  public Future<JsonObject> run(Caller caller, ControlRequest request, CallState call) {
    String target = target(request.language());
    String user = caller.user();
    Future<JsonObject> steps;
    if (s.useLiveKit(call)) {
      steps = s.liveKit()
          .participants(call.room())
          .compose(all -> {
            String customer = Participants.customer(all, call).getIdentity();
            return s.liveKit()
                .transfer(call.room(), customer, target, s.config().transferDialtone())
                .recover(err -> Future.failedFuture(notSip(err, customer)))
                .map(v -> AgentDelivery.failed(AgentDelivery.NOT_SENT).into(new JsonObject().put("customer", customer)));
          });
    } else {
      // the simulator has no phone line: the transfer ends its session
      steps = s.agent().send(call, AgentControl.END, null, user).map(d -> d.into(new JsonObject()));
    }
    return steps.compose(
        reply -> s.events()
            .supervisor(call, ControlActions.TRANSFER, user, null, target)
            .compose(a -> s.events().ended(call, "transferred", target, null).map(b -> a && b))
            .compose(recorded -> s.lock().clear(call.room()).otherwiseEmpty().map(v -> reply.put("target", target).put("state_recorded", recorded))));
  }
}
