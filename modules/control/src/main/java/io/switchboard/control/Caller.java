package io.switchboard.control;

import io.switchboard.contract.BusErrors;
import io.switchboard.contract.control.CallerHeaders;
import io.vertx.core.MultiMap;
import java.util.Locale;

/**
 * The authenticated caller of an action, taken only from the delivery headers the gateway sets
 * after verifying the JWT (never from the body: a client could write anything there).
 */
record Caller(String user, Role role) {
  enum Role {
    VIEWER,
    SUPERVISOR,
    ADMIN;

    static Role parse(String s) {
      if (s == null) {
        return null;
      }
      return switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "viewer" -> VIEWER;
        case "supervisor" -> SUPERVISOR;
        case "admin" -> ADMIN;
        default -> null;
      };
    }

    String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  boolean admin() {
    return role == Role.ADMIN;
  }

  /** The LiveKit identity this user joins with (listen and take over). */
  String identity() {
    return identityOf(user);
  }

  static String identityOf(String user) {
    return "supervisor_" + user;
  }

  /**
   * The caller of a request allowed to run supervisor actions: 401 without headers, 403 for
   * viewers and for roles this version does not know (deny by default).
   */
  static Caller authorize(MultiMap headers, String action) {
    String user = headers.get(CallerHeaders.USER);
    String roleHeader = headers.get(CallerHeaders.ROLE);
    if (user == null || user.isBlank() || roleHeader == null || roleHeader.isBlank()) {
      throw new ControlFailure(BusErrors.UNAUTHORIZED, "not authenticated: no caller on the request");
    }
    Role role = Role.parse(roleHeader);
    if (role == null) {
      throw new ControlFailure(BusErrors.FORBIDDEN, "unknown role '" + roleHeader + "' may not " + action);
    }
    if (role == Role.VIEWER) {
      throw new ControlFailure(BusErrors.FORBIDDEN, "role viewer may not " + action + " (supervisor or admin required)");
    }
    return new Caller(user.trim(), role);
  }
}
