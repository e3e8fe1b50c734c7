package io.switchboard.platform.text;

/**
 * A CharSequence that stops a regular-expression match which runs too long. java.util.regex has
 * no timeout, but every step of a match reads characters through {@link #charAt}, so a pattern
 * that backtracks catastrophically on this text is stopped there with {@link Exhausted}. Two
 * budgets, used by the two places that run operator-written patterns: a number of character reads
 * (rules: deterministic, the same verdict on every machine) and a wall-clock deadline (redaction:
 * a bound on the latency one utterance may add, checked every 256 reads to keep the cost low).
 * Sub-sequences share their parent's budget.
 */
public final class BoundedText implements CharSequence {
  /** Thrown from inside a match whose budget ran out. */
  public static final class Exhausted extends RuntimeException {
    Exhausted(String what) {
      super(what, null, false, false);
    }
  }

  private static final long NO_DEADLINE = Long.MAX_VALUE;

  private final CharSequence text;
  /** reads left, shared with sub-sequences; Long.MAX_VALUE when only the deadline counts */
  private final long[] readsLeft;
  private final long deadlineNanos;

  private BoundedText(CharSequence text, long[] readsLeft, long deadlineNanos) {
    this.text = text;
    this.readsLeft = readsLeft;
    this.deadlineNanos = deadlineNanos;
  }

  /** At most {@code maxReads} character reads over this text and its sub-sequences. */
  public static BoundedText reads(CharSequence text, long maxReads) {
    return new BoundedText(text, new long[] {maxReads}, NO_DEADLINE);
  }

  /** Reads fail once {@link System#nanoTime()} has passed {@code deadlineNanos}. */
  public static BoundedText until(CharSequence text, long deadlineNanos) {
    return new BoundedText(text, new long[] {Long.MAX_VALUE}, deadlineNanos);
  }

  @Override
  public char charAt(int index) {
    long left = --readsLeft[0];
    if (left < 0) {
      throw new Exhausted("regex read budget exceeded");
    }
    if (deadlineNanos != NO_DEADLINE && (left & 0xFF) == 0 && System.nanoTime() > deadlineNanos) {
      throw new Exhausted("regex time budget exceeded");
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new BoundedText(text.subSequence(start, end), readsLeft, deadlineNanos);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
