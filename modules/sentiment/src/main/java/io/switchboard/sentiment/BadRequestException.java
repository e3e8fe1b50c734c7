package io.switchboard.sentiment;

/** The caller sent something that is not a valid {@code sentiment.analyze} body (→ 400). */
public final class BadRequestException extends RuntimeException {
  public BadRequestException(String message) {
    super(message);
  }
}
