package io.switchboard.sentiment.model;

import java.util.List;

/**
 * The rule scorer, whose evidence is also the lexicon feature group of the trained model: lexicon
 * terms (phrases first) adjusted by negation, intensity, clause contrast, sarcasm and question
 * context, summed and squashed. Pure and thread-safe; a typical utterance takes a few microseconds.
 */
public final class RuleSentimentModel {
  public static final String SOURCE = "embedded";
  /** Praise inside a question is mostly not praise yet ("is it fixed?"). */
  static final double QUESTION_POSITIVE = 0.3;
  /** Each exclamation mark (up to three) adds this much intensity. */
  static final double EXCLAMATION = 0.12;

  private final Tokenizer tokenizer;
  private final TermMatcher matcher;
  private final LocalModifiers modifiers;
  private final ClauseWeights clauses;
  private final SarcasmDetector sarcasm;

  public RuleSentimentModel(Lexicon lexicon) {
    this.tokenizer = new Tokenizer();
    this.matcher = new TermMatcher(lexicon);
    this.modifiers = new LocalModifiers(lexicon);
    this.clauses = new ClauseWeights();
    this.sarcasm = new SarcasmDetector(lexicon);
  }

  public static RuleSentimentModel withDefaultLexicon() {
    return new RuleSentimentModel(Lexicon.loadDefault());
  }

  /** The rule evidence of one utterance, the lexicon features of {@link EmbeddedSentimentModel}. */
  public record RuleScore(double sum, double positive, double negative, int evidence, boolean sarcastic) {
    public double score() {
      return LabelPolicy.squash(sum);
    }
  }

  public UtteranceSentiment analyze(String text) {
    RuleScore r = score(tokenizer.tokenize(text));
    double score = r.score();
    return new UtteranceSentiment(LabelPolicy.labelOf(score), score, LabelPolicy.confidence(score, r.evidence()), SOURCE);
  }

  public RuleScore score(List<Token> tokens) {
    TermMatcher.Matches matches = matcher.match(tokens);
    boolean[] blocked = blockedPositions(tokens.size(), matches);
    double[] clauseWeight = clauses.weigh(tokens, matches.markers());
    boolean sarcastic = sarcasm.isSarcastic(tokens, matches.terms());
    boolean[] inQuestion = questionSentences(tokens);

    double sum = 0;
    double positive = 0;
    double negative = 0;
    int evidence = 0;
    for (Term term : matches.terms()) {
      if (term.valence() == 0) {
        continue; // neutralising phrases ("at all", "it is what it is") only consume their words
      }
      evidence++;
      double v = modifiers.apply(term, tokens, blocked);
      if (sarcastic && v > 0) {
        v = -v;
      }
      if (v > 0 && inQuestion[term.start()]) {
        v *= QUESTION_POSITIVE;
      }
      double weighted = v * clauseWeight[term.start()];
      sum += weighted;
      if (weighted > 0) {
        positive += weighted;
      } else {
        negative -= weighted;
      }
    }
    sum *= 1.0 + EXCLAMATION * Math.min(3, count(tokens, "!"));
    return new RuleScore(sum, positive, negative, evidence, sarcastic);
  }

  private static boolean[] blockedPositions(int n, TermMatcher.Matches matches) {
    boolean[] blocked = new boolean[n];
    for (Term t : matches.terms()) {
      for (int i = t.start(); i < t.end(); i++) {
        blocked[i] = true;
      }
    }
    for (TermMatcher.MarkerAt m : matches.markers()) {
      for (int i = m.position(); i < m.position() + m.length(); i++) {
        blocked[i] = true;
      }
    }
    return blocked;
  }

  /** True for every token of a sentence that ends with a question mark. */
  private static boolean[] questionSentences(List<Token> tokens) {
    boolean[] out = new boolean[tokens.size()];
    int sentenceStart = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.endsSentence() || i == tokens.size() - 1) {
        boolean question = t.text().equals("?");
        for (int k = sentenceStart; k <= i; k++) {
          out[k] = question;
        }
        sentenceStart = i + 1;
      }
    }
    return out;
  }

  private static int count(List<Token> tokens, String text) {
    int c = 0;
    for (Token t : tokens) {
      if (t.text().equals(text)) {
        c++;
      }
    }
    return c;
  }
}
