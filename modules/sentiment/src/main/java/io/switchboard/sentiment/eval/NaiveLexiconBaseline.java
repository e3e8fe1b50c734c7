package io.switchboard.sentiment.eval;

import io.switchboard.sentiment.model.SentimentLabel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison point: a generic AFINN-style scorer that sums word scores with no phrases,
 * negation, intensity, contrast, sarcasm or domain vocabulary. Sum > 0 is positive, < 0 negative.
 */
public final class NaiveLexiconBaseline {
  static final String RESOURCE = "/io/switchboard/sentiment/eval/afinn-mini.tsv";
  private final Map<String, Integer> scores;

  private NaiveLexiconBaseline(Map<String, Integer> scores) {
    this.scores = scores;
  }

  public static NaiveLexiconBaseline load() {
    InputStream in = NaiveLexiconBaseline.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException("missing resource " + RESOURCE);
    }
    Map<String, Integer> scores = new HashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        scores.put(cols[0].strip(), Integer.parseInt(cols[1].strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new NaiveLexiconBaseline(scores);
  }

  public SentimentLabel classify(String text) {
    int sum = 0;
    for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z']+")) {
      sum += scores.getOrDefault(word, 0);
    }
    return sum > 0 ? SentimentLabel.POSITIVE : sum < 0 ? SentimentLabel.NEGATIVE : SentimentLabel.NEUTRAL;
  }
}
