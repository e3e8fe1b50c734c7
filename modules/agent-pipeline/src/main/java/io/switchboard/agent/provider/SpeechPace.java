package io.switchboard.agent.provider;

/** Speaking-time estimates, used where audio length is not decoded (and by scripted speech). */
public final class SpeechPace {
  private SpeechPace() {}

  /** About 165 words a minute: a calm contact-centre pace. */
  public static final long MS_PER_WORD = 360;

  public static int words(String text) {
    String t = text == null ? "" : text.trim();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  public static long playMs(String text) {
    return Math.max(400, words(text) * MS_PER_WORD);
  }
}
