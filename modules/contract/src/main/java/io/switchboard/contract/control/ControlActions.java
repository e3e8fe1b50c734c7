package io.switchboard.contract.control;

import io.switchboard.contract.Addresses;
import java.util.List;

/** The supervisor actions and the minimum role of each (viewers may do none). */
public final class ControlActions {
  private ControlActions() {}

  public static final String LISTEN = "listen";
  public static final String GUIDE = "guide";
  public static final String TAKEOVER = "takeover";
  public static final String HANDBACK = "handback";
  public static final String TRANSFER = "transfer";
  public static final String END = "end";

  public static final List<String> ALL = List.of(LISTEN, GUIDE, TAKEOVER, HANDBACK, TRANSFER, END);

  public static String address(String action) {
    return Addresses.CONTROL_PREFIX + action;
  }
}
