package io.switchboard.ingest;

import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.contract.sentiment.SentimentAnnotation;
import java.util.List;

/** Sentiment annotations the apply-script tests store with a customer line. */
final class TestAnnotations {
  private TestAnnotations() {}

  /** A negative annotation of the line at {@code seq}, raising repeated_complaint. */
  static SentimentAnnotation negative(long seq) {
    CallSentimentState call = new CallSentimentState(-0.4, "negative", 1, 1, 1, List.of("repeated_complaint"), 0, -0.4);
    return new SentimentAnnotation(seq, "negative", -0.4, 0.8, call, List.of("repeated_complaint"), "embedded");
  }
}
