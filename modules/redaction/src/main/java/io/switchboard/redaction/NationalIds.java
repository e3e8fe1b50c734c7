package io.switchboard.redaction;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * National identity number formats per country. Each has a written pattern (found anywhere) and,
 * for purely numeric ones, a digit count plus context words under which a plain or spoken digit
 * run is taken as that ID ("my social is one two three …").
 */
final class NationalIds {
  private NationalIds() {}

  /** A country's format: written patterns, and the digit count a spoken run must have with context. */
  record Format(String country, List<Pattern> written, int spokenDigits, Pattern context) {}

  static final Set<String> SUPPORTED = Set.of("US", "GB", "MY", "SG");

  /**
   * The fewest ASCII digits a match of any written pattern below holds (GB's six; US has nine, SG
   * seven, MY twelve): a text with fewer cannot hold one (Redactor skips the patterns then).
   */
  static final int WRITTEN_MIN_DIGITS = 6;

  private static final Map<String, Format> FORMATS = Map.of(
      // SSN: area 001-899 except 666, group 01-99, serial 0001-9999, dashed or spaced alike
      "US", new Format("US", List.of(Pattern.compile("\\b(?!000|666|9\\d\\d)\\d{3}([- ])(?!00)\\d{2}\\1(?!0000)\\d{4}\\b")), 9,
          Pattern.compile("(?i)\\b(?:social security|social|ssn|s s n)\\b")),
      // NI number: two prefix letters (not D F I Q U V; second not O; not BG GB NK KN TN NT ZZ), six digits, A-D
      "GB", new Format("GB", List.of(
          Pattern.compile("\\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b"),
          Pattern.compile("(?i)(?<=national insurance(?: number)?(?: is)?[: ]{1,3})[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b")),
          0, null),
      // MyKad NRIC: YYMMDD-PB-###G
      "MY", new Format("MY", List.of(Pattern.compile("\\b\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])-\\d{2}-\\d{4}\\b")), 12,
          Pattern.compile("(?i)\\b(?:ic|i c|nric|mykad|my kad|identity card|kad pengenalan|ic number)\\b")),
      // NRIC/FIN: prefix letter, seven digits, check letter
      "SG", new Format("SG", List.of(Pattern.compile("(?i)\\b[STFGM]\\d{7}[A-Z]\\b")), 0, null));

  static Format of(String country) {
    return FORMATS.get(country);
  }

  /** Whether a spoken/plain run of these digits is plausibly this country's ID (checks what the format encodes). */
  static boolean plausible(String country, String digits) {
    return switch (country) {
      case "US" -> !digits.startsWith("000") && !digits.startsWith("666") && digits.charAt(0) != '9'
          && !digits.startsWith("00", 3) && !digits.endsWith("0000");
      case "MY" -> {
        int mm = Integer.parseInt(digits.substring(2, 4));
        int dd = Integer.parseInt(digits.substring(4, 6));
        yield mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31;
      }
      default -> true;
    };
  }
}
