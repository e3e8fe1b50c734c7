package io.switchboard.ingest;

import io.switchboard.contract.sentiment.CallSentimentState;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A customer line's sentiment annotation, computed before the line is written, for the apply script
 * to store with the line (docs/architecture.md#sentiment-inline). The script stores it only when
 * the call still is what the annotation was computed from: the line gets seq {@code lineSeq}, and
 * the call's sentiment inputs are the {@code expected…} strings; otherwise it stores the line alone.
 *
 * @param lineSeq the seq the line must get (the annotation is {@code lineSeq + 1} and refers to it)
 * @param expectedState the call's {@code sentiment_state} the annotation was computed from ("" = none)
 * @param expectedMetrics the call's {@code metrics} ("" = none)
 * @param expectedLanguage the call's {@code language} ("" = none)
 * @param eventId the annotation's dedup id (as if it had been sent on its own)
 * @param lineJson the annotation's log line
 * @param sets field, value pairs the annotation sets on the call
 * @param sentimentState the call's {@code sentiment_state} after it
 * @param state the same state as the record it was encoded from
 * @param data the annotation as a {@code sentiment} event's data (for the rules feed)
 */
record InlineAnnotation(
    long lineSeq,
    String expectedState,
    String expectedMetrics,
    String expectedLanguage,
    String eventId,
    String lineJson,
    List<String> sets,
    String sentimentState,
    CallSentimentState state,
    JsonObject data) {

  /** The script's arguments for it, after the arity argument (see apply-event.lua). */
  List<String> scriptArgs() {
    List<String> args = new java.util.ArrayList<>(6 + sets.size());
    args.add(String.valueOf(lineSeq - 1));
    args.add(expectedState);
    args.add(expectedMetrics);
    args.add(expectedLanguage);
    args.add(eventId);
    args.add(lineJson);
    args.addAll(sets);
    return args;
  }
}
