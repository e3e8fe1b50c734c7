package io.switchboard.sentiment.eval;

import io.switchboard.sentiment.model.SentimentLabel;
import java.util.Locale;

/** Accuracy, per-class precision/recall/F1, macro-F1 and the confusion matrix of one classifier. */
public final class ClassificationReport {
  private static final SentimentLabel[] LABELS = SentimentLabel.values();
  /** confusion[gold][predicted]. */
  private final int[][] confusion = new int[LABELS.length][LABELS.length];
  private int total;

  public void add(SentimentLabel gold, SentimentLabel predicted) {
    confusion[gold.ordinal()][predicted.ordinal()]++;
    total++;
  }

  public int total() {
    return total;
  }

  public int count(SentimentLabel gold, SentimentLabel predicted) {
    return confusion[gold.ordinal()][predicted.ordinal()];
  }

  public double accuracy() {
    int correct = 0;
    for (SentimentLabel l : LABELS) {
      correct += count(l, l);
    }
    return total == 0 ? 0 : (double) correct / total;
  }

  public double precision(SentimentLabel l) {
    int predicted = 0;
    for (SentimentLabel g : LABELS) {
      predicted += count(g, l);
    }
    return predicted == 0 ? 0 : (double) count(l, l) / predicted;
  }

  public double recall(SentimentLabel l) {
    int gold = 0;
    for (SentimentLabel p : LABELS) {
      gold += count(l, p);
    }
    return gold == 0 ? 0 : (double) count(l, l) / gold;
  }

  public double f1(SentimentLabel l) {
    double p = precision(l);
    double r = recall(l);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  public double macroF1() {
    double sum = 0;
    for (SentimentLabel l : LABELS) {
      sum += f1(l);
    }
    return sum / LABELS.length;
  }

  /** A plain-text table for the terminal. */
  public String render(String title) {
    StringBuilder sb = new StringBuilder();
    sb.append(title).append('\n');
    sb.append(String.format(Locale.ROOT, "  utterances %d   accuracy %.3f   macro-F1 %.3f%n", total, accuracy(), macroF1()));
    sb.append(String.format(Locale.ROOT, "  %-10s %9s %9s %9s%n", "class", "precision", "recall", "F1"));
    for (SentimentLabel l : LABELS) {
      sb.append(String.format(Locale.ROOT, "  %-10s %9.3f %9.3f %9.3f%n", l.wire(), precision(l), recall(l), f1(l)));
    }
    sb.append("  confusion (rows = gold, columns = predicted)\n");
    sb.append(String.format(Locale.ROOT, "  %-10s", ""));
    for (SentimentLabel p : LABELS) {
      sb.append(String.format(Locale.ROOT, " %9s", p.wire()));
    }
    sb.append('\n');
    for (SentimentLabel g : LABELS) {
      sb.append(String.format(Locale.ROOT, "  %-10s", g.wire()));
      for (SentimentLabel p : LABELS) {
        sb.append(String.format(Locale.ROOT, " %9d", count(g, p)));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
