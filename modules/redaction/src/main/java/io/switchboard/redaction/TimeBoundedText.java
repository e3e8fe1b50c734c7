package io.switchboard.redaction;

/**
 * A CharSequence that throws once its deadline has passed. java.util.regex has no timeout, but
 * every step of a match reads characters through {@link #charAt}, so a pattern that backtracks
 * too long on this text is stopped there (checked every 256 reads to keep the cost low).
 */
final class TimeBoundedText implements CharSequence {
  /** Thrown when a match ran past the redaction time budget. */
  static final class Timeout extends RuntimeException {
    Timeout() {
      super("redaction time budget exceeded", null, false, false);
    }
  }

  private final CharSequence text;
  private final long deadlineNanos;
  private int reads;

  TimeBoundedText(CharSequence text, long deadlineNanos) {
    this.text = text;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public char charAt(int index) {
    if ((++reads & 0xFF) == 0 && System.nanoTime() > deadlineNanos) {
      throw new Timeout();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new TimeBoundedText(text.subSequence(start, end), deadlineNanos);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
