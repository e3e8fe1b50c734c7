package io.switchboard.sentiment.escalation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The text cues of the escalation rules, kept as data ({@code escalation-patterns.tsv}) so they can
 * be extended without code changes. Each key holds one combined pattern.
 */
public final class EscalationPatterns {
  public static final String DEFAULT_RESOURCE = "/io/switchboard/sentiment/escalation-patterns.tsv";
  private static final Pattern NEVER = Pattern.compile("(?!)");

  private final Map<String, Pattern> byKey;
  /** key → the same alternatives, tried only where they can start; empty: plain {@code find()}. */
  private final Map<String, CueMatcher> fast;
  /** key → substrings one of which every cue of the key contains (see {@code need:} lines). */
  private final Map<String, List<String>> needs;
  private final NeedScanner needScanner;

  private EscalationPatterns(Map<String, Pattern> byKey, Map<String, CueMatcher> fast, Map<String, List<String>> needs) {
    this.byKey = byKey;
    this.fast = fast;
    this.needs = needs;
    this.needScanner = new NeedScanner(needs);
  }

  /** The same cues and prefilters with the combined regex's {@code find()} (before/after figures in bench/BOTTLENECKS.md). */
  public EscalationPatterns withoutCueMatcher() {
    return new EscalationPatterns(byKey, Map.of(), needs);
  }

  /**
   * The same cues matched the plain way — the combined regex's {@code find()}, no {@code need:}
   * prefilters, no {@link CueMatcher} — to prove that both only save time.
   */
  public EscalationPatterns withoutPrefilters() {
    return new EscalationPatterns(byKey, Map.of(), Map.of());
  }

  public static EscalationPatterns loadDefault() {
    InputStream in = EscalationPatterns.class.getResourceAsStream(DEFAULT_RESOURCE);
    if (in == null) {
      throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return parse(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static EscalationPatterns parse(Reader source) throws IOException {
    Map<String, StringBuilder> alternatives = new HashMap<>();
    Map<String, List<Pattern>> separate = new HashMap<>();
    Map<String, List<String>> needs = new HashMap<>();
    BufferedReader in = new BufferedReader(source);
    String line;
    int lineNo = 0;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab <= 0) {
        throw new IllegalArgumentException("escalation patterns line " + lineNo + ": expected key<TAB>regex");
      }
      String key = line.substring(0, tab).strip();
      String regex = line.substring(tab + 1).strip();
      if (key.startsWith("need:")) {
        needs.put(key.substring("need:".length()), List.of(regex.split("\\|")));
        continue;
      }
      try {
        separate.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("escalation patterns line " + lineNo + ": " + e.getDescription(), e);
      }
      StringBuilder sb = alternatives.computeIfAbsent(key, k -> new StringBuilder());
      sb.append(sb.length() == 0 ? "" : "|").append("(?:").append(regex).append(')');
    }
    Map<String, Pattern> compiled = new HashMap<>();
    alternatives.forEach((k, v) -> compiled.put(k, Pattern.compile(v.toString())));
    Map<String, CueMatcher> fast = new HashMap<>();
    separate.forEach((k, alts) -> {
      if (!k.startsWith("mask:")) {
        fast.put(k, CueMatcher.of(alts));
      }
    });
    return new EscalationPatterns(Map.copyOf(compiled), Map.copyOf(fast), Map.copyOf(needs));
  }

  /** The form every cue is matched against ({@link CueText}): call it once per text, then match many keys. */
  public static String normalise(String text) {
    return CueText.normalise(text);
  }

  /** True when the (normalised) text contains a cue of {@code key} outside the traps of {@code mask:key}. */
  public boolean matches(String key, String normalisedText) {
    return matches(key, key, normalisedText);
  }

  /** Cues of {@code key}, with the traps of {@code mask:maskKey} blanked out first. */
  public boolean matches(String key, String maskKey, String normalisedText) {
    if (!needScanner.mayMatch(key, normalisedText)) {
      return false;
    }
    // most lines match no cue at all: only pay for the mask when there is something to mask
    // (blanking words out never creates a match the whole line did not have)
    if (!find(key, normalisedText)) {
      return false;
    }
    Pattern mask = byKey.get("mask:" + maskKey);
    return mask == null || find(key, mask.matcher(normalisedText).replaceAll(" ~ "));
  }

  private boolean find(String key, String text) {
    CueMatcher m = fast.get(key);
    return m != null ? m.find(text) : byKey.getOrDefault(key, NEVER).matcher(text).find();
  }

  public List<String> keys() {
    return List.copyOf(byKey.keySet());
  }
}
