package io.switchboard.redaction;

import io.switchboard.platform.config.ConfigException;
import io.switchboard.platform.config.ConfigKeys;
import io.switchboard.platform.config.Settings;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Redaction settings (read by every verticle that redacts, from the same keys).
 *
 * @param enabled {@code redaction.enabled} (default true): the archive stores placeholders, not PII
 * @param countries {@code redaction.countries}: national-ID formats to look for, ISO codes from
 *     {@link NationalIds#SUPPORTED} (default US,GB,MY,SG)
 * @param accountPatterns {@code redaction.account.patterns}: extra account-number regexes (a JSON
 *     array, or one pattern per line in a string: regexes contain commas); group 1 is replaced
 *     when the pattern has one, else the whole match. Bounded quantifiers only ({@link SafePattern})
 * @param viewerLive {@code redaction.viewer.live} (default true): viewer-role dashboards get
 *     redacted transcript lines too; supervisors and admins see the live text
 * @param budgetMs {@code redaction.time.budget.ms} (default 250): the most one text may take (tried
 *     twice); past it the whole text is replaced by {@code [unchecked]} (fail closed)
 */
public record RedactionConfig(
    boolean enabled, List<String> countries, List<Pattern> accountPatterns, boolean viewerLive, int budgetMs) {
  public static final String ENABLED = "redaction.enabled";
  public static final String COUNTRIES = "redaction.countries";
  public static final String ACCOUNT_PATTERNS = "redaction.account.patterns";
  public static final String VIEWER_LIVE = "redaction.viewer.live";
  public static final String BUDGET_MS = "redaction.time.budget.ms";
  public static final List<String> DEFAULT_COUNTRIES = List.of("US", "GB", "MY", "SG");

  public RedactionConfig {
    countries = List.copyOf(countries);
    accountPatterns = List.copyOf(accountPatterns);
  }

  /** Everything on, default countries, only the built-in account patterns. */
  public static RedactionConfig defaults() {
    return new RedactionConfig(true, DEFAULT_COUNTRIES, List.of(), true, 250);
  }

  public static RedactionConfig from(Settings s) {
    List<String> countries = new ArrayList<>();
    for (String c : s.list(COUNTRIES, DEFAULT_COUNTRIES)) {
      String code = c.toUpperCase(Locale.ROOT);
      if (code.equals("UK")) {
        code = "GB";
      }
      if (!NationalIds.SUPPORTED.contains(code)) {
        throw new ConfigException(describe(COUNTRIES) + ": unknown country '" + c + "' (supported: " + NationalIds.SUPPORTED + ")");
      }
      countries.add(code);
    }
    List<Pattern> patterns = new ArrayList<>();
    for (String p : patternStrings(s)) {
      try {
        patterns.add(SafePattern.compile(p));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(describe(ACCOUNT_PATTERNS) + ": " + e.getMessage());
      }
    }
    return new RedactionConfig(
        s.bool(ENABLED, true), countries, patterns, s.bool(VIEWER_LIVE, true), s.integer(BUDGET_MS, 250, 1, 10_000));
  }

  private static List<String> patternStrings(Settings s) {
    if (!s.has(ACCOUNT_PATTERNS)) {
      return List.of();
    }
    Object v = s.asJson().getValue(ACCOUNT_PATTERNS);
    if (v instanceof JsonArray a) {
      return a.stream().map(String::valueOf).filter(p -> !p.isBlank()).toList();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).filter(p -> !p.isBlank()).toList();
    }
    String text = String.valueOf(v).trim();
    if (text.startsWith("[")) {
      try {
        return new JsonArray(text).stream().map(String::valueOf).filter(p -> !p.isBlank()).toList();
      } catch (RuntimeException e) {
        throw new ConfigException(describe(ACCOUNT_PATTERNS) + ": not a JSON array of strings: " + e.getMessage());
      }
    }
    return text.lines().map(String::trim).filter(p -> !p.isEmpty()).toList();
  }

  private static String describe(String key) {
    return "setting " + key + " (" + ConfigKeys.envOf(key) + ")";
  }
}
