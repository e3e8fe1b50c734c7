package io.switchboard.control;

import io.switchboard.contract.control.ControlRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * One supervisor action. The {@link SupervisorActionRunner} has already authenticated the caller, parsed the body
 * and loaded the live call; the action does its work and answers the action-specific reply
 * fields (the runner adds {@code v, ok, action, room, session_id}).
 */
interface ControlAction {
  String name();

  /** Action-specific input checks that need no I/O; throw a 400 {@link ControlFailure}. */
  default void validate(ControlRequest request) {}

  Future<JsonObject> run(Caller caller, ControlRequest request, CallState call);
}
