package io.switchboard.redaction;

import io.switchboard.platform.text.BoundedText;

import io.switchboard.redaction.DigitRuns.Run;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in one utterance with typed placeholders ({@code [card]}, {@code [email]}
 * …) and counts them. Thread-safe and allocation-light; pure CPU (no I/O), bounded in time.
 *
 * <p>Detectors propose spans on the original text; overlaps go to the more specific type (e-mail,
 * national ID, card, account, expiry, CVV, phone). Digits are read through {@link DigitRuns}, so
 * written and spoken numbers are treated alike. Context decides the ambiguous cases: the words
 * just before a number in the same line and the previous agent line ("what's the security code
 * on the back?").
 */
public final class Redactor {
  private static final int MAX_TEXT = 20_000;
  private static final int CONTEXT_CHARS = 80;
  private static final int NEAR_CHARS = 32;

  private static final String SEP = "(?:[ ]{0,2}[._+-][ ]{0,2}|[ ]{1,3}(?:dot|underscore|dash|hyphen|period|plus)[ ]{1,3})";
  private static final String WORD = "[a-z0-9]{1,40}+";
  private static final String DOT = "(?:[ ]{0,2}\\.[ ]{0,2}|[ ]{1,3}(?:dot|period)[ ]{1,3})";
  private static final String TLD = "(?:com|net|org|edu|gov|mil|int|info|biz|name|pro|io|co|ai|app|dev|me|tv|us|uk|my|sg|au|nz|ca|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|ie|pl|pt|in|id|ph|th|vn|hk|tw|jp|kr|cn|br|mx|za|ae|sa)";
  private static final Pattern EMAIL = Pattern.compile(
      "(?i)(?<![a-z0-9])(" + WORD + "(?:" + SEP + WORD + "){0,6})([ ]{0,2}@[ ]{0,2}|[ ]{1,3}at[ ]{1,3})("
          + WORD + "(?:" + DOT + WORD + "){0,3}" + DOT + TLD + ")(?![a-z0-9])");
  private static final Pattern MAY_HOLD_EMAIL = Pattern.compile("(?i)(?:@|\\bat\\b).{0,120}?(?:\\.|\\bdot\\b|\\bperiod\\b)");
  private static final Pattern MAIL_PROVIDER = Pattern.compile(
      "(?i)^(?:gmail|googlemail|yahoo|hotmail|outlook|live|icloud|me|aol|proton|protonmail|gmx|msn|mail|yandex|zoho)\\b");
  private static final Pattern EMAIL_CONTEXT = Pattern.compile("(?i)e-?mail|\\bmail\\b|address|inbox|send (?:it|me)");
  private static final Pattern SPELLED = Pattern.compile("(?i)(?:(?<!\\S)[a-z0-9]\\s{1,2}){1,30}$");
  private static final Pattern LAST_WORD = Pattern.compile("(?i)([a-z]{2,30})\\s{1,2}$");
  /** Words that stand before "at" in speech about places and web sites ("look at shop dot com"). */
  private static final java.util.Set<String> NOT_A_MAILBOX = java.util.Set.of(
      "look", "looking", "find", "found", "it", "us", "me", "them", "him", "her", "you", "here", "there", "this", "that",
      "online", "shop", "store", "available", "stay", "staying", "live", "work", "home", "arrive", "meet", "visit", "go",
      "check", "site", "website", "page", "app", "anything", "everything", "something", "buy", "bought", "sold", "listed",
      "posted", "booked", "book", "order", "ordered", "details", "more", "info", "help", "support", "is", "are", "was", "be");
  private static final java.util.Set<String> NOT_A_NAME = java.util.Set.of(
      "is", "its", "it's", "my", "me", "email", "mail", "address", "the", "at", "to", "and", "or", "was", "that", "yes",
      "yeah", "sure", "ok", "okay", "it", "send", "use", "try", "on", "of", "be", "so", "just", "please", "e", "an", "a");

  private static final Pattern CARD_CONTEXT = Pattern.compile(
      "(?i)\\b(?:card|visa|master ?card|amex|american express|discover|credit|debit|long number|pan)\\b");
  private static final Pattern CVV_CONTEXT = Pattern.compile(
      "(?i)\\b(?:cvv2?|cvc2?|cv2|csc|security (?:code|number|digits)|three digits|3 digits|four digits on the front|back of (?:the|your) card|verification (?:code|number|value)|card code)\\b");
  private static final Pattern EXPIRY_CONTEXT = Pattern.compile(
      "(?i)\\b(?:expir\\w{0,8}|exp date|expires|valid (?:thru|through|until|to)|end date|good thru)\\b");
  private static final Pattern PHONE_CONTEXT = Pattern.compile(
      "(?i)\\b(?:phone|mobile|cell|cellphone|telephone|tel|landline|whats ?app|call (?:me|you|back)|reach (?:me|you)|text me|contact number|my number|callback|call-back|number to (?:call|reach|text)|ring me|dial|best number|number (?:is|was) (?:plus|\\+))\\b");
  private static final Pattern NOT_PHONE = Pattern.compile(
      "(?i)\\b(?:order|tracking|track|reference|ref|invoice|confirmation|booking|ticket|case|parcel|policy|serial|model|item|transaction|receipt|flight|room|isbn|sku|membership|loyalty|voucher|coupon|promo|claim|shipment|package|pnr|quote|batch|lot|part|product|imei|postcode|zip|pin|otp)\\b[^.!?]{0,24}$");
  private static final Pattern ACCOUNT_CONTEXT = Pattern.compile(
      "(?i)\\b(?:account|acct|a/c|iban|bank number|routing|sort code|member number|customer number)\\b");
  private static final Pattern EXPIRY_WRITTEN = Pattern.compile(
      "(?i)\\b(?:0?[1-9]|1[0-2])[ ]{0,2}[/-][ ]{0,2}(?:20)?\\d{2}\\b"
          + "|\\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
          + "[ ,]{1,3}(?:of[ ]{1,2})?(?:(?:20)?\\d{2}\\b|twenty(?:[ -]{1,2}(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty))?(?:[ -]{1,2}(?:one|two|three|four|five|six|seven|eight|nine))?\\b)");
  private static final Pattern ACCOUNT_BUILTIN = Pattern.compile(
      "(?i)\\b(?:account|acct|a/c)(?:[ ]{1,3}(?:number|no\\.?|num|#))?(?:[ ]{1,3}(?:is|was))?[ :#]{0,3}([0-9][0-9 -]{4,22}[0-9])\\b");
  private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b");

  private enum Priority { PHONE, CVV, EXPIRY, ACCOUNT, CARD, NATIONAL_ID, EMAIL }

  private record Span(int start, int end, PiiType type, int priority) {}

  private final RedactionConfig config;
  private final List<NationalIds.Format> nationalIds;
  private final List<Pattern> accountPatterns;
  /** Custom account patterns may match anything: then every line runs every pattern. */
  private final boolean onlyBuiltInPatterns;
  private static final java.util.Set<String> EMAIL_WORDS = java.util.Set.of("at");

  public Redactor(RedactionConfig config) {
    this.config = config;
    this.nationalIds = config.countries().stream().map(NationalIds::of).toList();
    List<Pattern> accounts = new ArrayList<>(List.of(ACCOUNT_BUILTIN));
    accounts.addAll(config.accountPatterns());
    this.accountPatterns = List.copyOf(accounts);
    this.onlyBuiltInPatterns = config.accountPatterns().isEmpty();
    warmUp();
  }

  /** The first calls run interpreted and could overrun a tight budget: exercise every path once. */
  private void warmUp() {
    for (int i = 0; i < 20; i++) {
      redact("four one one one 1111 1111 1111, call me on +44 20 7946 0958 or john dot smith at gmail dot com, SSN 123-45-6789",
          "what is the card's expiry and security code?");
    }
  }

  public RedactionConfig config() {
    return config;
  }

  /** Redacts one utterance without context. */
  public Redaction redact(String text) {
    return redact(text, null);
  }

  /**
   * Redacts one utterance. {@code previousAgentLine} (may be null) is what the agent said just
   * before: a question for the security code makes a bare "one two three" a CVV.
   */
  public Redaction redact(String text, String previousAgentLine) {
    if (text == null || text.isEmpty() || !config.enabled()) {
      return Redaction.unchanged(text);
    }
    if (text.length() > MAX_TEXT) {
      return new Redaction(PiiType.UNCHECKED.placeholder(), Map.of(PiiType.UNCHECKED, 1));
    }
    if (onlyBuiltInPatterns && holdsNothing(text)) {
      return Redaction.unchanged(text);
    }
    return redactBounded(text, previousAgentLine, true);
  }

  /**
   * Whether no built-in pattern can match the text: it has no digit, no {@code @}, no word "at"
   * and no spoken number word. Every pattern needs one of them — digit runs (cards, phones,
   * accounts, IBANs, national ids, written expiry dates) a digit or a number word, a spelled-out
   * expiry a tens word, an email {@code @} or " at " — so most lines of a call skip the patterns
   * (a 2,000-line late join for a viewer was ≈ 40 ms of them: bench/BOTTLENECKS.md). The context of
   * the agent's line only classifies runs of the text itself, so it cannot change that.
   */
  static boolean holdsNothing(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '@' || Character.isDigit(c)) {
        return false;
      }
    }
    return !DigitRuns.mayHold(text, EMAIL_WORDS);
  }

  /** The redaction with every pattern run, whatever the text (the fast paths' reference). */
  Redaction redactFully(String text, String previousAgentLine) {
    return redactBounded(text, previousAgentLine, false);
  }

  /**
   * {@code gated}: skip the written-number patterns whose digits the text does not have (see
   * {@link #spans}); the verdict is the same, a number-bearing line of a late join costs less.
   */
  private Redaction redactBounded(String text, String previousAgentLine, boolean gated) {
    String previous = previousAgentLine == null ? "" : previousAgentLine;
    // a second attempt with a fresh budget: one overrun can be a GC pause or a busy CPU, two are the text
    for (int attempt = 0; attempt < 2; attempt++) {
      long deadline = System.nanoTime() + config.budgetMs() * 1_000_000L;
      try {
        return apply(text, spans(BoundedText.until(text, deadline), text, previous, gated));
      } catch (BoundedText.Exhausted | StackOverflowError e) {
        // fall through: retry once, then fail closed
      }
    }
    return new Redaction(PiiType.UNCHECKED.placeholder(), Map.of(PiiType.UNCHECKED, 1));
  }

  /**
   * Every detector's spans. {@code gated}: a pattern is skipped when the text has fewer ASCII
   * digits than any match of it holds ({@code \d} is ASCII-only without UNICODE_CHARACTER_CLASS):
   * a written national ID has at least {@link NationalIds#WRITTEN_MIN_DIGITS}, the built-in account
   * pattern and an IBAN at least two. Ten such patterns were ≈ half of a line with a small number
   * ("order 4471"), and one line in five of a call has one (bench/BOTTLENECKS.md, session 14).
   */
  private List<Span> spans(CharSequence bounded, String text, String previous, boolean gated) {
    List<Span> spans = new ArrayList<>();
    emails(bounded, text, previous, spans);
    int digits = gated ? asciiDigits(text) : Integer.MAX_VALUE;
    for (NationalIds.Format f : nationalIds) {
      if (digits < NationalIds.WRITTEN_MIN_DIGITS) {
        break;
      }
      for (Pattern p : f.written()) {
        Matcher m = p.matcher(bounded);
        while (m.find()) {
          spans.add(new Span(m.start(), m.end(), PiiType.NATIONAL_ID, Priority.NATIONAL_ID.ordinal()));
        }
      }
    }
    for (Pattern p : accountPatterns) {
      if (p == ACCOUNT_BUILTIN && digits < 2) {
        continue; // custom patterns may match anything: they always run
      }
      Matcher m = p.matcher(bounded);
      while (m.find()) {
        int g = m.groupCount() >= 1 && m.start(1) >= 0 ? 1 : 0;
        spans.add(new Span(m.start(g), m.end(g), PiiType.ACCOUNT, Priority.ACCOUNT.ordinal()));
      }
    }
    Matcher iban = IBAN.matcher(bounded);
    while (digits >= 2 && iban.find()) {
      if (ibanChecksumValid(iban.group())) {
        spans.add(new Span(iban.start(), iban.end(), PiiType.ACCOUNT, Priority.ACCOUNT.ordinal()));
      }
    }
    if (EXPIRY_CONTEXT.matcher(previous).find() || EXPIRY_CONTEXT.matcher(bounded).find()) {
      Matcher m = EXPIRY_WRITTEN.matcher(bounded);
      while (m.find()) {
        spans.add(new Span(m.start(), m.end(), PiiType.EXPIRY, Priority.EXPIRY.ordinal()));
      }
    }
    for (Run run : DigitRuns.find(bounded)) {
      classify(run, text, previous, spans);
    }
    return spans;
  }

  private static int asciiDigits(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }

  private void emails(CharSequence bounded, String text, String previous, List<Span> spans) {
    if (!MAY_HOLD_EMAIL.matcher(text).find()) {
      return; // the full pattern is the costliest step; most lines have no "at … dot" at all
    }
    Matcher m = EMAIL.matcher(bounded);
    while (m.find()) {
      String local = m.group(1);
      boolean at = m.group(2).contains("@");
      boolean joined = local.length() != local.replaceAll("[ ]", "").length() || local.matches("(?i).*[._+-].*");
      String domain = m.group(3);
      if (!at && !joined && NOT_A_MAILBOX.contains(local.toLowerCase(java.util.Locale.ROOT)) && !MAIL_PROVIDER.matcher(domain).find()
          && !EMAIL_CONTEXT.matcher(previous).find() && !EMAIL_CONTEXT.matcher(text.substring(0, m.start())).find()) {
        continue; // "look at shop dot com" is a web address, not someone's mailbox
      }
      int start = m.start();
      String before = text.substring(Math.max(0, start - 80), start);
      Matcher spelled = SPELLED.matcher(before);
      Matcher last = LAST_WORD.matcher(before);
      if (!at && spelled.find()) {
        start -= spelled.end() - spelled.start(); // "j o h n at gmail dot com": the letters are the local part
      } else if (!at && !joined && last.find() && !NOT_A_NAME.contains(last.group(1).toLowerCase(java.util.Locale.ROOT))) {
        start -= last.end() - last.start(); // "john smith at gmail dot com"
      }
      spans.add(new Span(start, m.end(), PiiType.EMAIL, Priority.EMAIL.ordinal()));
    }
  }

  private void classify(Run run, String text, String previous, List<Span> spans) {
    String digits = run.digits();
    int n = digits.length();
    if (n < 3) {
      return; // no type is shorter than a CVV; most runs are "one" or "2" in ordinary speech
    }
    String before = text.substring(Math.max(0, run.start() - CONTEXT_CHARS), run.start());
    String near = text.substring(Math.max(0, run.start() - NEAR_CHARS), run.start());
    if (n >= 13 && n <= 19 && Luhn.valid(digits)) {
      spans.add(span(trimLeadingOh(run), PiiType.CARD, Priority.CARD));
      return;
    }
    if (n > 13 && (CARD_CONTEXT.matcher(previous).find() || CARD_CONTEXT.matcher(before).find())
        && splitCard(run, text, previous, spans)) {
      return;
    }
    for (NationalIds.Format f : nationalIds) {
      if (f.spokenDigits() == n && (f.context().matcher(before).find() || f.context().matcher(previous).find())
          && NationalIds.plausible(f.country(), digits)) {
        spans.add(span(run, PiiType.NATIONAL_ID, Priority.NATIONAL_ID));
        return;
      }
    }
    if (n >= 6 && n <= 20 && (ACCOUNT_CONTEXT.matcher(near).find() || ACCOUNT_CONTEXT.matcher(previous).find())
        && !NOT_PHONE.matcher(near).find() && !PHONE_CONTEXT.matcher(near).find()) {
      spans.add(span(run, PiiType.ACCOUNT, Priority.ACCOUNT));
      return;
    }
    boolean expiryContext = EXPIRY_CONTEXT.matcher(previous).find() || EXPIRY_CONTEXT.matcher(before).find();
    boolean cvvContext = CVV_CONTEXT.matcher(previous).find() || CVV_CONTEXT.matcher(before).find();
    if (expiryContext && plausibleExpiry(digits) && !(cvvContext && n == 3 && !EXPIRY_CONTEXT.matcher(near).find())) {
      spans.add(span(run, PiiType.EXPIRY, Priority.EXPIRY));
      return;
    }
    if (cvvContext && (n == 3 || n == 4)) {
      spans.add(span(run, PiiType.CVV, Priority.CVV));
      return;
    }
    if (n >= 7 && n <= 15 && !NOT_PHONE.matcher(near).find()) {
      boolean context = PHONE_CONTEXT.matcher(before).find() || PHONE_CONTEXT.matcher(previous).find();
      if (run.plus() || context || writtenLikePhone(run, digits)) {
        spans.add(span(run, PiiType.PHONE, Priority.PHONE));
      }
    }
  }

  /** "4111 1111 1111 1111 123": the card is a prefix or suffix of the run; the rest is classified on its own. */
  private boolean splitCard(Run run, String text, String previous, List<Span> spans) {
    int size = run.units().size();
    for (int len = size - 1; len >= 1; len--) {
      for (int from : new int[] {0, size - len}) {
        Run part = run.sub(from, from + len);
        String d = part.digits();
        if (d.length() >= 13 && d.length() <= 19 && Luhn.valid(d)) {
          spans.add(span(part, PiiType.CARD, Priority.CARD));
          if (from == 0) {
            classify(run.sub(len, size), text, previous, spans);
          } else {
            classify(run.sub(0, from), text, previous, spans);
          }
          return true;
        }
      }
    }
    return false;
  }

  private static Run trimLeadingOh(Run run) {
    int from = 0;
    while (from < run.units().size() - 1 && run.units().get(from).oh()) {
      from++;
    }
    Run trimmed = from == 0 ? run : run.sub(from, run.units().size());
    return trimmed.digits().length() >= 13 ? trimmed : run;
  }

  /** ISO 13616: the country and check digits moved to the end, letters as 10..35, mod 97 is 1. */
  static boolean ibanChecksumValid(String iban) {
    String s = iban.replace(" ", "");
    String moved = s.substring(4) + s.substring(0, 4);
    int mod = 0;
    for (int i = 0; i < moved.length(); i++) {
      int v = Character.digit(moved.charAt(i), 36);
      if (v < 0) {
        return false;
      }
      mod = v < 10 ? (mod * 10 + v) % 97 : (mod * 100 + v) % 97;
    }
    return mod == 1;
  }

  private static boolean plausibleExpiry(String d) {
    return switch (d.length()) {
      case 3 -> d.charAt(0) != '0';
      case 4 -> month(d.substring(0, 2));
      case 6 -> month(d.substring(0, 2)) && d.startsWith("20", 2);
      default -> false;
    };
  }

  private static boolean month(String mm) {
    int m = Integer.parseInt(mm);
    return m >= 1 && m <= 12;
  }

  /** Written with the grouping phones have: (415) 555-2671, 415-555-2671, 1-800-555-0199, 07700 900123, 012-345 6789. */
  private static boolean writtenLikePhone(Run run, String digits) {
    if (run.spoken() || run.units().size() < 2) {
      return false;
    }
    List<Integer> g = run.groups();
    int n = digits.length();
    if (run.paren() && n >= 10 && n <= 11) {
      return true;
    }
    if (g.equals(List.of(3, 3, 4)) || g.equals(List.of(1, 3, 3, 4))) {
      return true;
    }
    return digits.charAt(0) == '0' && (n == 10 || n == 11) && g.size() <= 3 && g.get(0) >= 3;
  }

  private static Span span(Run run, PiiType type, Priority p) {
    return new Span(run.start(), run.end(), type, p.ordinal());
  }

  /** Keeps the highest-priority (then longest) span where spans overlap, and replaces them right to left. */
  private static Redaction apply(String text, List<Span> spans) {
    if (spans.isEmpty()) {
      return Redaction.unchanged(text);
    }
    List<Span> ordered = new ArrayList<>(spans);
    ordered.sort(Comparator.comparingInt((Span s) -> -s.priority()).thenComparingInt(s -> -(s.end() - s.start())));
    List<Span> kept = new ArrayList<>();
    for (Span s : ordered) {
      if (kept.stream().noneMatch(k -> k.start() < s.end() && s.start() < k.end())) {
        kept.add(s);
      }
    }
    kept.sort(Comparator.comparingInt(Span::start));
    StringBuilder out = new StringBuilder(text.length());
    Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
    int at = 0;
    for (Span s : kept) {
      out.append(text, at, s.start()).append(s.type().placeholder());
      at = s.end();
      counts.merge(s.type(), 1, Integer::sum);
    }
    out.append(text, at, text.length());
    return new Redaction(out.toString(), counts);
  }
}
