package io.switchboard.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.platform.config.ConfigException;
import io.switchboard.platform.config.Settings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One behaviour per PII type, written and spoken, and the safety rules. */
class RedactorTest {
  private final Redactor redactor = new Redactor(RedactionConfig.defaults());

  private String r(String text) {
    return redactor.redact(text).text();
  }

  private String r(String text, String previousAgentLine) {
    return redactor.redact(text, previousAgentLine).text();
  }

  @Test
  void cardsWrittenGroupedDashedAndPlain() {
    assertEquals("my card is [card] thanks", r("my card is 4111 1111 1111 1111 thanks"));
    assertEquals("it's [card]", r("it's 5555-5555-5555-4444"));
    assertEquals("[card]", r("378282246310005"));
    assertEquals(Map.of(PiiType.CARD, 2), redactor.redact("4111111111111111 or 4012888888881881").counts());
  }

  @Test
  void cardsSpokenAsAsrWritesThem() {
    assertEquals("sure it's [card]", r("sure it's four one one one one one one one one one one one one one one one"));
    assertEquals("[card]", r("five five five five double five five five five five five five four four four four"));
    assertEquals("ok [card] yes", r("ok 4111 one one one one 1111 one one one one yes"));
    assertEquals("[card]", r("three seven eight two eight two two four six three one oh oh oh five"));
    assertEquals("[card]", r("four one one one dash one one one one dash one one one one dash one uh one one one"));
  }

  @Test
  void sixteenDigitsThatFailLuhnStay() {
    assertEquals("4111 1111 1111 1112", r("4111 1111 1111 1112"));
    assertEquals("four one one one one one one one one one one one one one one two", r("four one one one one one one one one one one one one one one two"));
  }

  @Test
  void cardFollowedByItsSecurityCodeIsSplit() {
    Redaction red = redactor.redact("4111 1111 1111 1111 123", "can I have the card number and the security code");
    assertEquals("[card] [cvv]", red.text());
  }

  @Test
  void cvvAndExpiryOnlyWhenAskedFor() {
    assertEquals("[cvv]", r("one two three", "And the three digits on the back of the card?"));
    assertEquals("it's [cvv]", r("it's 737", "what is the CVV please"));
    assertEquals("it's 737", r("it's 737", "how many items did you order?"));
    assertEquals("[expiry]", r("oh nine twenty six", "what's the expiry date?"));
    assertEquals("it expires [expiry]", r("it expires 09/27"));
    assertEquals("[expiry]", r("march twenty twenty eight", "and when does the card expire?"));
    assertEquals("I ordered on march 2028", r("I ordered on march 2028"));
  }

  @Test
  void phonesWrittenAndSpoken() {
    assertEquals("call me on [phone]", r("call me on (415) 555-2671"));
    assertEquals("[phone]", r("+44 20 7946 0958"));
    assertEquals("it's [phone]", r("it's 07700 900123"));
    assertEquals("my mobile is [phone]", r("my mobile is oh one two three four five six seven eight nine"));
    assertEquals("[phone]", r("four one five five five five two six seven one", "what's the best number to reach you?"));
    assertEquals("order 415-555-2671 shipped", r("order 415-555-2671 shipped"));
    assertEquals("five five five one two three four", r("five five five one two three four"));
  }

  @Test
  void emailsWrittenAndSpoken() {
    assertEquals("send it to [email] please", r("send it to john.smith@example.com please"));
    assertEquals("it's [email]", r("it's john dot smith at gmail dot com"));
    assertEquals("[email]", r("mary underscore lee at yahoo dot co dot uk"));
    assertEquals("my email is [email]", r("my email is j o h n at outlook dot com"));
    assertEquals("yes [email]", r("yes john smith at gmail dot com"));
    assertEquals("you can look at shop dot com for that", r("you can look at shop dot com for that"));
  }

  @Test
  void nationalIdsPerConfiguredCountry() {
    assertEquals("my SSN is [national_id]", r("my SSN is 123-45-6789"));
    assertEquals("my social is [national_id]", r("my social is one two three four five six seven eight nine"));
    assertEquals("NI number [national_id]", r("NI number AB 12 34 56 C"));
    assertEquals("IC [national_id]", r("IC 900101-14-5678"));
    assertEquals("[national_id]", r("S1234567D"));
    Redactor usOnly = new Redactor(RedactionConfig.from(new Settings(new JsonObject().put(RedactionConfig.COUNTRIES, "US"))));
    assertEquals("IC 900101-14-5678", usOnly.redact("IC 900101-14-5678").text());
    assertThrows(ConfigException.class, () -> RedactionConfig.from(new Settings(new JsonObject().put(RedactionConfig.COUNTRIES, "XX"))));
  }

  @Test
  void accountNumbersBuiltInAndConfigured() {
    assertEquals("my account number is [account]", r("my account number is 12345678"));
    assertEquals("[account]", r("GB29 NWBK 6016 1331 9268 19"));
    assertEquals("[account]", r("one two three four five six seven eight", "can you read me your account number?"));
    Settings s = new Settings(new JsonObject().put(RedactionConfig.ACCOUNT_PATTERNS, new JsonArray().add("\\bMBR-[0-9]{6,10}\\b")));
    Redactor custom = new Redactor(RedactionConfig.from(s));
    assertEquals("member [account] here", custom.redact("member MBR-0099123 here").text());
  }

  @Test
  void patternsThatCouldBacktrackAreRefused() {
    for (String bad : List.of("(a+)+b", "[0-9]*", "\\d{3,}", "(x)\\1")) {
      Settings s = new Settings(new JsonObject().put(RedactionConfig.ACCOUNT_PATTERNS, new JsonArray().add(bad)));
      ConfigException e = assertThrows(ConfigException.class, () -> RedactionConfig.from(s), bad);
      assertTrue(e.getMessage().contains(RedactionConfig.ACCOUNT_PATTERNS), e.getMessage());
    }
    // newline-separated in a string, commas inside the regex survive
    Settings ok = new Settings(new JsonObject().put(RedactionConfig.ACCOUNT_PATTERNS, "\\bAC[0-9]{4,8}\\b\n\\bZZ[0-9]{2}+"));
    assertEquals(2, RedactionConfig.from(ok).accountPatterns().size());
  }

  @Test
  void aMatchPastTheTimeBudgetFailsClosed() {
    // bounded but exponential in practice: nested bounded groups over a long non-matching run
    java.util.regex.Pattern slow = java.util.regex.Pattern.compile("(?:(?:a|aa){1,40}){1,40}b");
    RedactionConfig cfg = new RedactionConfig(true, List.of("US"), List.of(slow), true, 20);
    long t0 = System.nanoTime();
    Redaction red = new Redactor(cfg).redact("a".repeat(60) + "c");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals("[unchecked]", red.text());
    assertEquals(1, red.count(PiiType.UNCHECKED));
    assertTrue(ms < 1_000, "stopped after " + ms + " ms");
  }

  @Test
  void disabledLeavesTextAlone() {
    Redactor off = new Redactor(RedactionConfig.from(new Settings(new JsonObject().put(RedactionConfig.ENABLED, false))));
    assertEquals("4111 1111 1111 1111", off.redact("4111 1111 1111 1111").text());
  }

  @Test
  void aCallIsRedactedLineByLineWithTheAgentQuestionAsContext() {
    JsonArray lines = new JsonArray()
        .add(new JsonObject().put("seq", 1).put("kind", "transcript").put("role", "agent").put("text", "What is the security code?"))
        .add(new JsonObject().put("seq", 2).put("kind", "transcript").put("role", "user").put("text", "four four four"))
        .add(new JsonObject().put("seq", 3).put("kind", "tool_call").put("name", "lookup").put("args", new JsonObject().put("email", "a.b@example.org")))
        .add(new JsonObject().put("seq", 4).put("kind", "supervisor").put("action", "guide").put("text", "confirm 4111111111111111"));
    JsonObject fields = new JsonObject().put("customer", "+1 415 555 2671").put("interim", new JsonObject().put("role", "user").put("text", "x@y.com"));
    CallRedactor.Result res = new CallRedactor(redactor).redact(fields, lines);
    assertEquals("[cvv]", res.lines().getJsonObject(1).getString("text"));
    assertEquals("[email]", res.lines().getJsonObject(2).getJsonObject("args").getString("email"));
    assertEquals("confirm [card]", res.lines().getJsonObject(3).getString("text"));
    assertEquals("[phone]", res.fields().getString("customer"));
    assertEquals("[email]", res.fields().getJsonObject("interim").getString("text"));
    assertEquals(new JsonObject().put("card", 1).put("cvv", 1).put("phone", 1).put("email", 2), res.countsJson());
    assertEquals("four four four", lines.getJsonObject(1).getString("text"), "input untouched");
  }
}
