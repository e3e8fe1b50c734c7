package io.switchboard.sentiment;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.sentiment.Alert;
import io.switchboard.contract.sentiment.SentimentRequest;
import io.switchboard.sentiment.escalation.Escalation;
import io.vertx.core.eventbus.EventBus;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes one {@link Alert} per line that raised new escalations on {@code alerts} (fan-out to every supervisor). */
public final class AlertPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(AlertPublisher.class);

  private final EventBus bus;
  private final Clock clock;

  public AlertPublisher(EventBus bus, Clock clock) {
    this.bus = bus;
    this.clock = clock;
  }

  /** One alert for the line: every new reason (most urgent first), the line's seq to jump to. */
  public void publish(SentimentRequest req, List<Escalation> escalations) {
    if (escalations.isEmpty()) {
      return;
    }
    List<String> reasons = escalations.stream().map(Escalation::reason).toList();
    String detail = String.join("; ", escalations.stream().map(Escalation::detail).toList());
    Alert alert = new Alert(req.room(), req.sessionId(), reasons.get(0), detail, req.seq(), clock.millis(), reasons);
    bus.publish(Addresses.ALERTS, alert.toJson());
    LOG.atInfo()
        .addKeyValue("room", req.room())
        .addKeyValue("session", req.sessionId())
        .addKeyValue("reason", reasons.get(0))
        .addKeyValue("reasons", String.join(",", reasons))
        .addKeyValue("seq", req.seq())
        .log("call escalated");
  }
}
