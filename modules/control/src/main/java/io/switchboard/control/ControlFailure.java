package io.switchboard.control;

import io.switchboard.contract.BusErrors;
import io.vertx.core.eventbus.ReplyException;
import java.util.concurrent.TimeoutException;

/**
 * An action failure with the HTTP-like code the caller receives ({@link BusErrors}). Thrown or
 * returned as a failed future anywhere in an action; the dispatcher turns it into
 * {@code Message.fail(code, message)} and into the audit record, so the message must be readable
 * by a supervisor and must never contain a token.
 */
final class ControlFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;
  /** HTTP status LiveKit answered, or 0 when the failure did not come from a LiveKit answer. */
  private final int upstreamStatus;

  ControlFailure(int code, String message) {
    this(code, message, 0);
  }

  ControlFailure(int code, String message, int upstreamStatus) {
    super(message, null, false, false);
    this.code = code;
    this.upstreamStatus = upstreamStatus;
  }

  int code() {
    return code;
  }

  int upstreamStatus() {
    return upstreamStatus;
  }

  /** Any failure as a ControlFailure: ours keep their code, the rest become 5xx. */
  static ControlFailure of(Throwable err) {
    if (err instanceof ControlFailure f) {
      return f;
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
