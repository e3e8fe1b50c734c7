package io.switchboard.analytics.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Keyset paging: a cursor is the sort key of the last hit of a page ({@code started_ms}, {@code _id}),
 * and the next page is everything strictly after it in the order newest first, ties broken by id
 * descending. Unlike skip/limit this neither repeats nor skips a call when calls are archived
 * between two pages, and page 100 costs what page 1 costs. Opaque to clients (base64url).
 */
public record SearchCursor(long startedMs, String id) {
  private static final String VERSION = "1";

  public String encode() {
    String raw = VERSION + ":" + startedMs + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor in {@code text}; IllegalArgumentException naming {@code cursor} when it is not one. */
  public static SearchCursor decode(String text) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] parts = raw.split(":", 3);
      if (parts.length == 3 && VERSION.equals(parts[0]) && !parts[2].isEmpty()) {
        return new SearchCursor(Long.parseLong(parts[1]), parts[2]);
      }
    } catch (IllegalArgumentException e) {
      // NumberFormatException and bad base64 alike: reported below
    }
    throw new IllegalArgumentException("cursor: not a cursor of this search (pass next_cursor of the previous page)");
  }
}
