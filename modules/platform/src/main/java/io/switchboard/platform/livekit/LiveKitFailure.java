package io.switchboard.platform.livekit;

import io.switchboard.contract.BusErrors;

/**
 * A failed LiveKit server API call, in the one vocabulary every module uses: why it failed
 * ({@link Reason}: the metric tag too), the bus failure code a caller should answer with, and the
 * HTTP status LiveKit answered (0 when LiveKit did not answer). The message says which call failed
 * and what LiveKit answered, readable by a supervisor, never a token.
 */
public final class LiveKitFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a call failed; {@link #tag()} is the {@code reason} tag of {@code switchboard_livekit_errors_total}. */
  public enum Reason {
    /** LiveKit answered with an error (non-2xx). */
    REFUSED("refused", BusErrors.BAD_GATEWAY),
    /** LiveKit could not be reached. */
    UNREACHABLE("unreachable", BusErrors.UNAVAILABLE),
    /** LiveKit did not answer within the call timeout. */
    TIMEOUT("timeout", BusErrors.TIMEOUT),
    /** Anything else (a bug, an unreadable answer). */
    ERROR("error", BusErrors.INTERNAL);

    private final String tag;
    private final int code;

    Reason(String tag, int code) {
      this.tag = tag;
      this.code = code;
    }

    public String tag() {
      return tag;
    }

    /** The {@link BusErrors} code this reason answers with. */
    public int code() {
      return code;
    }
  }

  private final Reason reason;
  private final int upstreamStatus;

  LiveKitFailure(Reason reason, String message, int upstreamStatus) {
    super(message, null, false, false);
    this.reason = reason;
    this.upstreamStatus = upstreamStatus;
  }

  public Reason reason() {
    return reason;
  }

  /** The {@link BusErrors} code a bus reply should fail with. */
  public int code() {
    return reason.code();
  }

  /** HTTP status LiveKit answered, 0 when it did not answer. */
  public int upstreamStatus() {
    return upstreamStatus;
  }

  /** Whether LiveKit answered that the room (or participant) it was asked about does not exist. */
  public boolean notFound() {
    return upstreamStatus == BusErrors.NOT_FOUND;
  }
}
