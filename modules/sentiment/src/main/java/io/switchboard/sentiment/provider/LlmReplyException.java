package io.switchboard.sentiment.provider;

/** The LLM answered, but not with a usable sentiment (HTTP error, wrong shape, invalid values). */
public final class LlmReplyException extends RuntimeException {
  public LlmReplyException(String message) {
    super(message);
  }

  public LlmReplyException(String message, Throwable cause) {
    super(message, cause);
  }
}
