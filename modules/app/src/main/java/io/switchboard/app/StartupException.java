package io.switchboard.app;

/** A start-up problem an operator can fix; its message is the one line the launcher prints. */
public final class StartupException extends RuntimeException {
  public StartupException(String message) {
    super(message, null, false, false);
  }
}
