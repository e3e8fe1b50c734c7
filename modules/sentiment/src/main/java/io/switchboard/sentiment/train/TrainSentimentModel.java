package io.switchboard.sentiment.train;

import io.switchboard.sentiment.eval.ClassificationReport;
import io.switchboard.sentiment.eval.EscalationExample;
import io.switchboard.sentiment.eval.LabeledCsv;
import io.switchboard.sentiment.eval.LabeledUtterance;
import io.switchboard.sentiment.model.EmbeddedSentimentModel;
import io.switchboard.sentiment.model.LinearSentimentModel;
import io.switchboard.sentiment.model.RuleSentimentModel;
import io.switchboard.sentiment.model.SentimentFeatures;
import io.switchboard.sentiment.model.SentimentLabel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Fits {@link LinearSentimentModel} on the training corpus, deterministically: fixed example
 * order, a seeded shuffle per epoch, AdaGrad with L2, {@link StrictMath} only, weights rounded on
 * output. The same corpus always gives the same weights file byte for byte (a test checks that
 * the committed file is what this produces).
 *
 * <pre>
 *   TrainSentimentModel --out FILE CORPUS.csv...   # write the weights
 *   TrainSentimentModel --cv 5 CORPUS.csv...       # k-fold cross-validation on the corpus only
 * </pre>
 *
 * A corpus file has either {@code text,label} or {@code text,escalate,label} columns.
 */
public final class TrainSentimentModel {
  /** Hyper-parameters (picked by cross-validation on the training corpus, never on held-out). */
  public record Settings(int epochs, double learningRate, double l2, long seed, boolean balanceClasses) {
    public static Settings standard() {
      return new Settings(30, 0.03, 1e-4, 20261201L, true);
    }
  }

  private TrainSentimentModel() {}

  public static void main(String[] args) throws IOException {
    Path out = null;
    int folds = 0;
    List<Path> corpus = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--cv" -> folds = Integer.parseInt(args[++i]);
        default -> corpus.add(Path.of(args[i]));
      }
    }
    if (corpus.isEmpty() || (out == null && folds == 0)) {
      System.err.println("usage: TrainSentimentModel (--out FILE | --cv K) CORPUS.csv...");
      System.exit(2);
    }
    List<LabeledUtterance> rows = new ArrayList<>();
    for (Path p : corpus) {
      rows.addAll(readCorpus(p));
    }
    if (folds > 0) {
      // -Dtrain.grid="epochs:lr:l2,…" compares settings by cross-validation (tuning on the corpus only)
      String grid = System.getProperty("train.grid");
      if (grid == null) {
        crossValidate(rows, folds, Settings.standard());
      } else {
        for (String g : grid.split(",")) {
          String[] p = g.split(":");
          Settings s = new Settings(Integer.parseInt(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]), Settings.standard().seed(), true);
          ClassificationReport r = crossValidateQuiet(rows, folds, s);
          System.out.printf(Locale.ROOT, "%s  macro-F1 %.3f  neg R %.3f P %.3f%n", g, r.macroF1(),
              r.recall(SentimentLabel.NEGATIVE), r.precision(SentimentLabel.NEGATIVE));
        }
      }
    }
    if (out != null) {
      String text = render(train(rows, Settings.standard()), rows.size(), Settings.standard());
      Files.writeString(out, text, StandardCharsets.UTF_8);
      System.out.println("wrote " + out + " from " + rows.size() + " utterances");
    }
  }

  /** A corpus file's sentiment rows (escalation sets contribute the rows that carry a label). */
  public static List<LabeledUtterance> readCorpus(Path p) throws IOException {
    String header = Files.readAllLines(p, StandardCharsets.UTF_8).get(0);
    if (header.contains("escalate")) {
      List<LabeledUtterance> rows = new ArrayList<>();
      for (EscalationExample e : LabeledCsv.readEscalation(p)) {
        if (e.label() != null) {
          rows.add(new LabeledUtterance(e.text(), e.label()));
        }
      }
      return rows;
    }
    return LabeledCsv.readSentiment(p);
  }

  public static Map<String, double[]> train(List<LabeledUtterance> rows, Settings s) {
    SentimentFeatures extractor = new SentimentFeatures(RuleSentimentModel.withDefaultLexicon());
    List<Map<String, Double>> xs = new ArrayList<>();
    int[] ys = new int[rows.size()];
    int[] classCount = new int[3];
    for (int i = 0; i < rows.size(); i++) {
      xs.add(extractor.extract(rows.get(i).text()));
      ys[i] = classIndex(rows.get(i).label());
      classCount[ys[i]]++;
    }
    double[] classWeight = new double[3];
    for (int k = 0; k < 3; k++) {
      classWeight[k] = s.balanceClasses() && classCount[k] > 0 ? rows.size() / (3.0 * classCount[k]) : 1.0;
    }
    Map<String, double[]> w = new HashMap<>();
    Map<String, double[]> g2 = new HashMap<>();
    int[] order = new int[rows.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random rnd = new Random(s.seed());
    for (int epoch = 0; epoch < s.epochs(); epoch++) {
      for (int i = order.length - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int idx : order) {
        Map<String, Double> x = xs.get(idx);
        double[] z = new double[3];
        for (Map.Entry<String, Double> e : x.entrySet()) {
          double[] wf = w.get(e.getKey());
          if (wf != null) {
            for (int k = 0; k < 3; k++) {
              z[k] += wf[k] * e.getValue();
            }
          }
        }
        double[] p = LinearSentimentModel.softmax(z);
        for (Map.Entry<String, Double> e : x.entrySet()) {
          double[] wf = w.computeIfAbsent(e.getKey(), k -> new double[3]);
          double[] gf = g2.computeIfAbsent(e.getKey(), k -> new double[3]);
          for (int k = 0; k < 3; k++) {
            double grad = classWeight[ys[idx]] * (p[k] - (k == ys[idx] ? 1 : 0)) * e.getValue() + s.l2() * wf[k];
            gf[k] += grad * grad;
            wf[k] -= s.learningRate() * grad / StrictMath.sqrt(gf[k] + 1e-8);
          }
        }
      }
    }
    return w;
  }

  /** The weights file: sorted features, 4 decimals, near-zero rows dropped. */
  public static String render(Map<String, double[]> w, int utterances, Settings s) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Generated by io.switchboard.sentiment.train.TrainSentimentModel (scripts/train-sentiment): do not edit.\n");
    sb.append(String.format(Locale.ROOT, "# %d training utterances; epochs=%d lr=%s l2=%s seed=%d balanced=%s%n",
        utterances, s.epochs(), s.learningRate(), s.l2(), s.seed(), s.balanceClasses()));
    sb.append("# feature\tnegative\tneutral\tpositive\n");
    for (Map.Entry<String, double[]> e : new TreeMap<>(w).entrySet()) {
      double[] v = e.getValue();
      if (Math.abs(v[0]) < 5e-4 && Math.abs(v[1]) < 5e-4 && Math.abs(v[2]) < 5e-4) {
        continue;
      }
      if (e.getKey().indexOf('\t') >= 0 || e.getKey().indexOf('\n') >= 0) {
        continue;
      }
      sb.append(e.getKey());
      for (double d : v) {
        sb.append('\t').append(String.format(Locale.ROOT, "%.4f", d + 0.0));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** k-fold cross-validation on the corpus (fold = index mod k), printed per fold and pooled. */
  public static ClassificationReport crossValidate(List<LabeledUtterance> rows, int folds, Settings s) {
    ClassificationReport pooled = crossValidateQuiet(rows, folds, s);
    System.out.println(pooled.render(folds + "-fold cross-validation on the training corpus"));
    return pooled;
  }

  static ClassificationReport crossValidateQuiet(List<LabeledUtterance> rows, int folds, Settings s) {
    ClassificationReport pooled = new ClassificationReport();
    SentimentFeatures extractor = new SentimentFeatures(RuleSentimentModel.withDefaultLexicon());
    for (int f = 0; f < folds; f++) {
      List<LabeledUtterance> train = new ArrayList<>();
      List<LabeledUtterance> test = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        (i % folds == f ? test : train).add(rows.get(i));
      }
      LinearSentimentModel m = new LinearSentimentModel(train(train, s));
      EmbeddedSentimentModel model = new EmbeddedSentimentModel(extractor, m);
      for (LabeledUtterance u : test) {
        pooled.add(u.label(), model.analyze(u.text()).label());
      }
    }
    return pooled;
  }

  private static int classIndex(SentimentLabel l) {
    for (int k = 0; k < 3; k++) {
      if (LinearSentimentModel.CLASSES[k] == l) {
        return k;
      }
    }
    throw new IllegalArgumentException(String.valueOf(l));
  }
}
