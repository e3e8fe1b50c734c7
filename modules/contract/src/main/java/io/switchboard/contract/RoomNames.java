package io.switchboard.contract;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Room names become part of event-bus addresses and Redis keys, so they are restricted to a safe
 * charset and length, and may not shadow a fixed {@code call.*} address.
 */
public final class RoomNames {
  private RoomNames() {}

  public static final int MAX_LENGTH = 128;
  /** Letters, digits, '_' and '-' only: no dots, so {@code call.<room>.debug} stays unambiguous. */
  public static final String REGEX = "[A-Za-z0-9_-]{1," + MAX_LENGTH + "}";
  private static final Pattern PATTERN = Pattern.compile(REGEX);
  /**
   * Names that would collide with fixed addresses under {@code call.} ({@link Addresses#CALL_HISTORY},
   * {@link Addresses#CALL_ENDED}; a contract test keeps the two in step).
   */
  public static final List<String> RESERVED_SORTED = List.of("ended", "history");
  public static final Set<String> RESERVED = Set.copyOf(RESERVED_SORTED);

  public static boolean isValid(String room) {
    return room != null && PATTERN.matcher(room).matches() && !RESERVED.contains(room);
  }

  /** Why a room name is rejected, or null when it is valid. */
  public static String problem(String room) {
    if (room == null || room.isEmpty()) {
      return "room_name is required";
    }
    if (room.length() > MAX_LENGTH) {
      return "room_name is longer than " + MAX_LENGTH + " characters";
    }
    if (!PATTERN.matcher(room).matches()) {
      return "room_name may contain only letters, digits, '_' and '-'";
    }
    if (RESERVED.contains(room)) {
      return "room_name '" + room + "' is reserved";
    }
    return null;
  }

  public static String require(String room) {
    String problem = problem(room);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return room;
  }
}
