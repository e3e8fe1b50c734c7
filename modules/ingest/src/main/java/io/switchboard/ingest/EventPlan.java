package io.switchboard.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * What the apply-event script must do for one event: an optional log line, field operations and
 * lifecycle flags. Built by {@link EventPlanner}, run by {@link LiveStateWriter}.
 */
final class EventPlan {
  String eventId = "";
  String lineKind = "";
  String lineJson = "";
  boolean mayStart;
  boolean ends;
  boolean userFinal;
  String expectedRoomSid = "";
  /** The agent's per-session send counter ("" = the agent sends none: applied in arrival order). */
  String sendSeq = "";
  final List<String> ops = new ArrayList<>();
  /** A customer line's annotation to store with it, if sentiment answered in time (null = none). */
  InlineAnnotation inline;
  /** Sentiment missed the inline deadline for this line. */
  boolean inlineLate;

  EventPlan set(String field, String value) {
    ops.add("set");
    ops.add(field);
    ops.add(value == null ? "" : value);
    return this;
  }

  EventPlan add(String field, String value) {
    ops.add("add");
    ops.add(field);
    ops.add(value);
    return this;
  }

  EventPlan remove(String field, String value) {
    ops.add("rem");
    ops.add(field);
    ops.add(value);
    return this;
  }

  /** The field, value pairs of this plan's {@code set} operations, in order. */
  List<String> setPairs() {
    List<String> pairs = new ArrayList<>(ops.size() * 2 / 3);
    for (int i = 0; i + 2 < ops.size(); i += 3) {
      if ("set".equals(ops.get(i))) {
        pairs.add(ops.get(i + 1));
        pairs.add(ops.get(i + 2));
      }
    }
    return pairs;
  }

  String flags() {
    return (mayStart ? "s" : "") + (ends ? "e" : "") + (userFinal ? "u" : "");
  }
}
