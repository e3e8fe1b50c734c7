package io.switchboard.contract;

import java.util.Map;

/**
 * Failure codes carried by {@code Message.fail(code, message)} replies. They are HTTP status codes
 * on purpose so the gateway can map a bus failure to an HTTP answer without a table.
 */
public final class BusErrors {
  private BusErrors() {}

  public static final int BAD_REQUEST = 400;
  public static final int UNAUTHORIZED = 401;
  public static final int FORBIDDEN = 403;
  public static final int NOT_FOUND = 404;
  public static final int CONFLICT = 409;
  public static final int GONE = 410;
  public static final int PAYLOAD_TOO_LARGE = 413;
  public static final int TOO_MANY_REQUESTS = 429;
  public static final int INTERNAL = 500;
  /** An upstream service (e.g. LiveKit) refused the call; the message says what it answered. */
  public static final int BAD_GATEWAY = 502;
  public static final int UNAVAILABLE = 503;
  public static final int TIMEOUT = 504;

  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(BAD_REQUEST, "bad_request"),
          Map.entry(UNAUTHORIZED, "unauthorized"),
          Map.entry(FORBIDDEN, "forbidden"),
          Map.entry(NOT_FOUND, "not_found"),
          Map.entry(CONFLICT, "conflict"),
          Map.entry(GONE, "gone"),
          Map.entry(PAYLOAD_TOO_LARGE, "payload_too_large"),
          Map.entry(TOO_MANY_REQUESTS, "too_many_requests"),
          Map.entry(INTERNAL, "error"),
          Map.entry(BAD_GATEWAY, "bad_gateway"),
          Map.entry(UNAVAILABLE, "unavailable"),
          Map.entry(TIMEOUT, "timeout"));

  /**
   * The one name of a failure code, as HTTP error bodies ({@code error}) and metric tags
   * ({@code result}) carry it; {@code otherwise} for a code outside the table.
   */
  public static String name(int code, String otherwise) {
    return NAMES.getOrDefault(code, otherwise);
  }

  private static final java.util.regex.Pattern RETRY_AFTER = java.util.regex.Pattern.compile("retry after (\\d{1,6}) s$");

  /**
   * The message of a {@link #TOO_MANY_REQUESTS} failure: a failure carries only a code and a text,
   * so the wait travels at the end of the text, where {@link #retryAfterSeconds} finds it for an
   * HTTP {@code Retry-After} header.
   */
  public static String tooManyRequests(String why, long retryAfterSeconds) {
    return why + "; retry after " + Math.max(1, retryAfterSeconds) + " s";
  }

  /** The seconds named by {@link #tooManyRequests}, or -1 when the message names none. */
  public static long retryAfterSeconds(String message) {
    if (message == null) {
      return -1;
    }
    java.util.regex.Matcher m = RETRY_AFTER.matcher(message);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** True for codes that say the caller's input was wrong (4xx). */
  public static boolean isClientError(int code) {
    return code >= 400 && code < 500;
  }
}
