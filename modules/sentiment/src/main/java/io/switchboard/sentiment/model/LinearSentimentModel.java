package io.switchboard.sentiment.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A multinomial logistic regression over {@link SentimentFeatures}: one weight per feature and
 * class. The weights are data ({@code sentiment-weights.tsv}) written by {@code
 * io.switchboard.sentiment.train.TrainSentimentModel} from the corpus in the repository.
 */
public final class LinearSentimentModel {
  public static final String DEFAULT_RESOURCE = "/io/switchboard/sentiment/sentiment-weights.tsv";
  /** Class order of the weight columns. */
  public static final SentimentLabel[] CLASSES = {SentimentLabel.NEGATIVE, SentimentLabel.NEUTRAL, SentimentLabel.POSITIVE};

  private final Map<String, double[]> weights;
  /**
   * The same weight arrays by the parts of their names — {@code w:x} under x in {@code words},
   * {@code w:NOT_x} in {@code negatedWords}, {@code a:} likewise, {@code b:p_n} under p then n — so
   * scoring a line builds and hashes no feature name per token (that was ≈ 10 % of the analysis,
   * bench/BOTTLENECKS.md, session 14). The parts give back the name they were split from because a
   * token holds no {@code _} and no upper case ({@link Tokenizer}); a name that splits otherwise is
   * one no token can produce, looked up by neither path.
   */
  private final Map<String, double[]> words = new HashMap<>();
  private final Map<String, double[]> negatedWords = new HashMap<>();
  private final Map<String, double[]> afterContrast = new HashMap<>();
  private final Map<String, double[]> negatedAfterContrast = new HashMap<>();
  private final Map<String, Map<String, double[]>> bigrams = new HashMap<>();

  public LinearSentimentModel(Map<String, double[]> weights) {
    this.weights = weights;
    weights.forEach((name, w) -> {
      if (name.startsWith("w:NOT_")) {
        negatedWords.put(name.substring(6), w);
      } else if (name.startsWith("w:")) {
        words.put(name.substring(2), w);
      } else if (name.startsWith("a:NOT_")) {
        negatedAfterContrast.put(name.substring(6), w);
      } else if (name.startsWith("a:")) {
        afterContrast.put(name.substring(2), w);
      } else if (name.startsWith("b:") && name.indexOf('_', 2) > 0) {
        int sep = name.indexOf('_', 2);
        bigrams.computeIfAbsent(name.substring(2, sep), k -> new HashMap<>()).put(name.substring(sep + 1), w);
      }
    });
  }

  public static LinearSentimentModel loadDefault() {
    InputStream in = LinearSentimentModel.class.getResourceAsStream(DEFAULT_RESOURCE);
    if (in == null) {
      throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE + " (run scripts/train-sentiment)");
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines of {@code feature<TAB>w_negative<TAB>w_neutral<TAB>w_positive}; {@code #} comments. */
  public static LinearSentimentModel parse(Reader source) throws IOException {
    Map<String, double[]> w = new HashMap<>();
    BufferedReader in = new BufferedReader(source);
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      if (cols.length != 4) {
        throw new IllegalArgumentException("weights line " + lineNo + ": expected 4 columns");
      }
      w.put(cols[0], new double[] {Double.parseDouble(cols[1]), Double.parseDouble(cols[2]), Double.parseDouble(cols[3])});
    }
    return new LinearSentimentModel(Map.copyOf(w));
  }

  public int size() {
    return weights.size();
  }

  /** Class probabilities in {@link #CLASSES} order. */
  public double[] probabilities(Map<String, Double> features) {
    double[] z = new double[3];
    for (Map.Entry<String, Double> e : features.entrySet()) {
      double[] w = weights.get(e.getKey());
      if (w != null) {
        double v = e.getValue();
        z[0] += w[0] * v;
        z[1] += w[1] * v;
        z[2] += w[2] * v;
      }
    }
    return softmax(z);
  }

  /**
   * Class probabilities of {@code text}'s features, summed as they are extracted: the same sums in
   * the same order as {@link #probabilities(Map)} of {@link SentimentFeatures#extract(String)}, so
   * the same doubles, without building the map. A feature that comes again is known by its weights
   * (each name has its own array); features without weights add nothing either way.
   */
  public double[] probabilities(SentimentFeatures features, String text) {
    WeightSum sum = new WeightSum();
    features.extract(text, sum);
    return softmax(sum.z);
  }

  private final class WeightSum implements SentimentFeatures.Sink {
    final double[] z = new double[3];
    private double[][] counted = new double[32][];
    private int n;

    @Override
    public void put(String name, double v) {
      add(weights.get(name), v);
    }

    @Override
    public void word(char kind, boolean negated, String word) {
      Map<String, double[]> byWord = switch (kind) {
        case 'w' -> negated ? negatedWords : words;
        case 'a' -> negated ? negatedAfterContrast : afterContrast;
        default -> null;
      };
      if (byWord == null) {
        SentimentFeatures.Sink.super.word(kind, negated, word);
      } else {
        add(byWord.get(word), 1.0);
      }
    }

    @Override
    public void bigram(String prev, String next) {
      Map<String, double[]> byNext = bigrams.get(prev);
      add(byNext == null ? null : byNext.get(next), 1.0);
    }

    private void add(double[] w, double v) {
      if (w == null) {
        return;
      }
      for (int i = 0; i < n; i++) {
        if (counted[i] == w) {
          return;
        }
      }
      if (n == counted.length) {
        counted = Arrays.copyOf(counted, 2 * n);
      }
      counted[n++] = w;
      z[0] += w[0] * v;
      z[1] += w[1] * v;
      z[2] += w[2] * v;
    }
  }

  public static double[] softmax(double[] z) {
    double max = Math.max(z[0], Math.max(z[1], z[2]));
    double[] p = new double[3];
    double sum = 0;
    for (int k = 0; k < 3; k++) {
      p[k] = StrictMath.exp(z[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < 3; k++) {
      p[k] /= sum;
    }
    return p;
  }
}
