package io.switchboard.control;

import io.switchboard.contract.BusErrors;
import io.switchboard.platform.livekit.LiveKitFailure;
import io.vertx.core.eventbus.ReplyException;
import java.util.concurrent.TimeoutException;

/**
 * An action failure with the HTTP-like code the caller receives ({@link BusErrors}). Thrown or
 * returned as a failed future anywhere in an action; the {@link SupervisorActionRunner} turns it into
 * {@code Message.fail(code, message)} and into the audit record, so the message must be readable
 * by a supervisor and must never contain a token.
 */
final class ControlFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;

  ControlFailure(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  int code() {
    return code;
  }

  /** Any failure as a ControlFailure: ours and LiveKit's keep their code, the rest become 5xx. */
  static ControlFailure of(Throwable err) {
    if (err instanceof ControlFailure f) {
      return f;
    }
    if (err instanceof LiveKitFailure f) {
      return new ControlFailure(f.code(), f.getMessage());
    }
    if (err instanceof ReplyException re && re.failureCode() >= 400 && re.failureCode() < 600) {
      return new ControlFailure(re.failureCode(), re.getMessage());
    }
    if (err instanceof TimeoutException) {
      return new ControlFailure(BusErrors.TIMEOUT, "timed out: " + err.getMessage());
    }
    return new ControlFailure(BusErrors.INTERNAL, "internal error: " + err);
  }
}
