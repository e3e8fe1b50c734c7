package io.switchboard.sentiment.eval;

import io.switchboard.sentiment.model.SentimentLabel;

/** One row of an evaluation set. */
public record LabeledUtterance(String text, SentimentLabel label) {}
