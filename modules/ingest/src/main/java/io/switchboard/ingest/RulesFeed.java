package io.switchboard.ingest;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.EventType;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/**
 * Hands every stored call event to the rules verticles ({@code rules.observe}, fan-out; nothing
 * waits for them): the same events, in the same order, that built the call's live state. Interim
 * transcripts are left out (no line, changes every few hundred ms) and so are the rules' own
 * {@code rule_fired} records.
 */
final class RulesFeed {
  private final EventBus bus;

  RulesFeed(EventBus bus) {
    this.bus = bus;
  }

  void stored(String room, String session, long seq, EventType type, JsonObject data, long at) {
    if (type == EventType.RULE_FIRED || type == EventType.DEBUG) {
      return;
    }
    if (type == EventType.TRANSCRIPT && data != null && !data.getBoolean("final", true)) {
      return;
    }
    bus.publish(
        Addresses.RULES_OBSERVE,
        new JsonObject().put("room", room).put("session_id", session).put("seq", seq).put("type", type.wire()).put("data", data).put("at", at));
  }
}
