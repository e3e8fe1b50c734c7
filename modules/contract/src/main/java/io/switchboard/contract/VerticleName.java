package io.switchboard.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The verticle kinds a Switchboard node can run; the id is what {@code --verticles} takes. */
public enum VerticleName {
  GATEWAY("gateway"),
  INGEST("ingest"),
  WEBHOOK_RECEIVER("webhook-receiver"),
  DEBOUNCER("debouncer"),
  SENTIMENT("sentiment"),
  CONTROL("control"),
  AGENT_PIPELINE("agent-pipeline"),
  ANALYTICS("analytics"),
  RULES("rules");

  private final String id;

  VerticleName(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<VerticleName> byId(String id) {
    return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(VerticleName::id).toList();
  }
}
