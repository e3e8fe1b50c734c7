package io.switchboard.contract.control;

/**
 * Delivery headers that carry the authenticated caller of a bridge or HTTP request. Only the
 * gateway sets them, after verifying the caller's JWT, and it removes any client-supplied copy
 * first: services trust these headers, never identity fields in a message body.
 */
public final class CallerHeaders {
  private CallerHeaders() {}

  /** The user id (JWT subject). */
  public static final String USER = "x-switchboard-user";
  /** viewer | supervisor | admin */
  public static final String ROLE = "x-switchboard-role";
}
