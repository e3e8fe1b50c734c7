package io.switchboard.sentiment.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an utterance into the sparse features of {@link LinearSentimentModel}: words (marked when
 * inside a negation's scope or after a contrast), word bigrams, the rule model's lexicon evidence,
 * and speech cues (question form, disfluencies, repeated words, length). Feature names are plain
 * strings so the weights file can be read by a person. Character 4-grams were tried and dropped:
 * they cost 0.03 macro-F1 in cross-validation on the training corpus (they memorise spellings).
 */
public final class SentimentFeatures {
  /** Words a negation reaches forward ("not really happy", "never got back to me"). */
  static final int NEGATION_SCOPE = 3;

  private static final Set<String> NEGATORS = Set.of(
      "not", "no", "never", "nobody", "nothing", "none", "nor", "without", "hardly", "cannot", "neither",
      "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "isn't", "isnt", "wasn't", "wasnt", "aren't",
      "weren't", "won't", "wont", "can't", "cant", "couldn't", "couldnt", "wouldn't", "wouldnt", "shouldn't",
      "haven't", "havent", "hasn't", "hadn't", "ain't", "nowhere");
  /** Words that end a negation's scope: a new clause starts. */
  private static final Set<String> SCOPE_BREAKERS = Set.of("but", "and", "so", "because", "cos", "though", "although", "however", "then", "yet");
  /** After these, the rest of the utterance carries the speaker's point ("nice, but it doesn't work"). */
  private static final Set<String> CONTRAST = Set.of("but", "however", "though", "except", "although");
  private static final Set<String> FILLERS = Set.of("um", "uh", "er", "erm", "hmm", "mm", "ah", "eh");
  private static final Set<String> QUESTION_STARTS = Set.of(
      "what", "when", "where", "which", "who", "why", "how", "can", "could", "would", "will", "is", "are", "do",
      "does", "did", "should", "may", "shall");

  private final Tokenizer tokenizer = new Tokenizer();
  private final RuleSentimentModel rules;

  public SentimentFeatures(RuleSentimentModel rules) {
    this.rules = rules;
  }

  /**
   * Receives the features of an utterance in order. An indicator (value 1) can come more than once
   * ("w:the" of every "the"); it is one feature: only its first arrival counts.
   */
  @FunctionalInterface
  public interface Sink {
    void put(String name, double value);

    /**
     * The indicator {@code kind:word}, {@code kind:NOT_word} inside a negation's scope: {@code w}
     * for every word, {@code a} for a word after a contrast. A sink that looks weights up by the
     * parts of the name (the linear model) need not build it.
     */
    default void word(char kind, boolean negated, String word) {
      put(kind + ":" + (negated ? "NOT_" + word : word), 1.0);
    }

    /** The indicator {@code b:prev_next}. */
    default void bigram(String prev, String next) {
      put("b:" + prev + "_" + next, 1.0);
    }
  }

  /** Feature name → value (1 for indicators). Insertion-ordered, so training is deterministic. */
  public Map<String, Double> extract(String text) {
    Map<String, Double> f = new LinkedHashMap<>();
    extract(text, f::put);
    return f;
  }

  /**
   * The same features, handed to {@code f} as they are found: scoring a line needs only their
   * weights, not a map of them (building it was most of the model's time per line).
   */
  public void extract(String text, Sink f) {
    List<Token> tokens = tokenizer.tokenize(text);
    f.put("bias", 1.0);

    RuleSentimentModel.RuleScore r = rules.score(tokens);
    double score = r.score();
    f.put("rule:pos", Math.max(0, score));
    f.put("rule:neg", Math.max(0, -score));
    f.put("rule:posmass", Math.min(2.0, r.positive() / 3.0));
    f.put("rule:negmass", Math.min(2.0, r.negative() / 3.0));
    f.put("rule:label=" + LabelPolicy.labelOf(score).wire(), 1.0);
    if (r.evidence() == 0) {
      f.put("rule:nocue", 1.0);
    }
    if (r.sarcastic()) {
      f.put("rule:sarcasm", 1.0);
    }

    String prev = "<s>";
    int negationLeft = 0;
    boolean afterContrast = false;
    int words = 0;
    int fillers = 0;
    boolean repeated = false;
    boolean question = false;
    String first = null;
    for (Token t : tokens) {
      if (t.punctuation()) {
        negationLeft = 0;
        if (t.text().equals("?")) {
          question = true;
        }
        continue;
      }
      String w = t.text();
      words++;
      if (first == null) {
        first = w;
      }
      if (FILLERS.contains(w)) {
        fillers++;
        continue; // "i'm um not happy": fillers are noise for the words around them
      }
      if (w.equals(prev)) {
        repeated = true;
      }
      if (SCOPE_BREAKERS.contains(w)) {
        negationLeft = 0;
      }
      boolean negated = negationLeft > 0;
      f.word('w', negated, w);
      if (afterContrast) {
        f.word('a', negated, w);
      }
      f.bigram(prev, w);
      if (CONTRAST.contains(w)) {
        afterContrast = true;
      }
      if (NEGATORS.contains(w) || w.endsWith("n't")) {
        negationLeft = NEGATION_SCOPE;
      } else if (negationLeft > 0) {
        negationLeft--;
      }
      prev = w;
    }
    f.bigram(prev, "</s>");
    if (first != null && QUESTION_STARTS.contains(first)) {
      question = true;
    }
    if (question) {
      f.put("cue:question", 1.0);
    }
    if (fillers > 0) {
      f.put("cue:filler", 1.0);
    }
    if (repeated) {
      f.put("cue:repeat", 1.0);
    }
    f.put(words <= 3 ? "cue:len=short" : words <= 10 ? "cue:len=mid" : "cue:len=long", 1.0);
  }
}
