package io.switchboard.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import io.switchboard.platform.cache.EventLoopCaches;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * What the agent said, and how many of its tool calls failed, since the customer last spoke — per
 * room, so the customer's next line reaches sentiment with the agent's side of the turn (an agent
 * that keeps not understanding, or whose tools keep failing, escalates: docs/sentiment.md).
 *
 * <p>Best effort and bounded: held in this ingest instance's memory (a Caffeine cache of at most
 * {@link #MAX_ROOMS} rooms, each forgotten after {@link #IDLE} without events) and at most
 * {@link #MAX_CHARS} characters of agent text per turn. With several ingest instances a room's
 * events may be split between them, and a turn then carries only this instance's part.
 */
final class AgentTurns {
  static final int MAX_ROOMS = 50_000;
  static final int MAX_CHARS = 2_000;
  static final Duration IDLE = Duration.ofMinutes(30);

  /** The agent's side of one turn. */
  record Turn(String agentText, int toolErrors) {
    static final Turn NONE = new Turn(null, 0);
  }

  private static final class Pending {
    final StringBuilder text = new StringBuilder();
    int toolErrors;

    /** Adds agent text after a space, up to {@link #MAX_CHARS} in all. */
    void append(CharSequence more) {
      if (more == null || more.length() == 0 || text.length() >= MAX_CHARS) {
        return;
      }
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(more, 0, Math.min(more.length(), MAX_CHARS - text.length()));
    }
  }

  private final Cache<String, Pending> rooms = EventLoopCaches.newBuilder().maximumSize(MAX_ROOMS).expireAfterAccess(IDLE).build();

  void agentLine(String room, String text) {
    if (text == null || text.isBlank()) {
      return;
    }
    rooms.get(room, r -> new Pending()).append(text);
  }

  void toolCall(String room, JsonObject data) {
    if (failed(data)) {
      rooms.get(room, r -> new Pending()).toolErrors++;
    }
  }

  /** The turn so far, and a fresh one from now on (the customer just spoke). */
  Turn take(String room) {
    Pending p = rooms.asMap().remove(room);
    return p == null ? Turn.NONE : new Turn(p.text.length() == 0 ? null : p.text.toString(), p.toolErrors);
  }

  /**
   * A taken turn whose customer line was not stored (refused, a duplicate, or the write failed):
   * it goes back in front of whatever the agent said since, so the line that does get stored is
   * judged with it.
   */
  void giveBack(String room, Turn turn) {
    if (turn.agentText() == null && turn.toolErrors() == 0) {
      return;
    }
    rooms.asMap().compute(room, (r, since) -> {
      Pending p = new Pending();
      p.append(turn.agentText());
      p.toolErrors = turn.toolErrors();
      if (since != null) {
        p.append(since.text);
        p.toolErrors += since.toolErrors;
      }
      return p;
    });
  }

  void forget(String room) {
    rooms.invalidate(room);
  }

  /**
   * A tool call failed when its data says so: an {@code error} field, a {@code status} of
   * error/failed, or a result object carrying an {@code error}.
   */
  static boolean failed(JsonObject data) {
    if (data == null) {
      return false;
    }
    if (data.getValue("error") != null) {
      return true;
    }
    Object status = data.getValue("status");
    if (status instanceof String s && (s.equalsIgnoreCase("error") || s.equalsIgnoreCase("failed"))) {
      return true;
    }
    return data.getValue("result") instanceof JsonObject r && r.getValue("error") != null;
  }
}
