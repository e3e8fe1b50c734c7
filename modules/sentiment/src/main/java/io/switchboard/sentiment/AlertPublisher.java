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

/** Publishes one {@link Alert} per newly raised escalation on {@code alerts} (fan-out to every supervisor). */
public final class AlertPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(AlertPublisher.class);

  private final EventBus bus;
  private final Clock clock;

  public AlertPublisher(EventBus bus, Clock clock) {
    this.bus = bus;
    this.clock = clock;
  }

  public void publish(SentimentRequest req, List<Escalation> escalations) {
    for (Escalation e : escalations) {
      Alert alert = new Alert(req.room(), req.sessionId(), e.reason(), e.detail(), req.seq(), clock.millis());
      bus.publish(Addresses.ALERTS, alert.toJson());
      LOG.atInfo()
          .addKeyValue("room", req.room())
          .addKeyValue("session", req.sessionId())
          .addKeyValue("reason", e.reason())
          .addKeyValue("seq", req.seq())
          .log("call escalated");
    }
  }
}
