package io.switchboard.agent.events;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.CallEvent;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to {@code ingest.call-event} as fire-and-forget requests: a short timeout and a
 * bound on unanswered requests. When ingest falls behind, new events are dropped and counted
 * rather than queued, so back-pressure can never stall a conversation (the seed's agent had the
 * same rule: the call never waits on the middleware). No source header: we are a trusted sender.
 */
public final class BusEventSink implements EventSink {
  private static final Logger LOG = LoggerFactory.getLogger(BusEventSink.class);

  private final Vertx vertx;
  private final DeliveryOptions options;
  private final int maxInFlight;
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  public BusEventSink(Vertx vertx, long timeoutMs, int maxInFlight) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
    this.maxInFlight = maxInFlight;
  }

  @Override
  public void emit(CallEvent event) {
    if (inFlight.incrementAndGet() > maxInFlight) {
      inFlight.decrementAndGet();
      long n = dropped.incrementAndGet();
      if (n == 1 || n % 1000 == 0) {
        LOG.atWarn().setMessage("ingest is behind: dropping agent events").addKeyValue("dropped", n)
            .addKeyValue("maxInFlight", maxInFlight).log();
      }
      return;
    }
    sent.incrementAndGet();
    vertx
        .eventBus()
        .request(Addresses.INGEST_CALL_EVENT, event.toJson(), options)
        .onComplete(
            ar -> {
              inFlight.decrementAndGet();
              if (ar.succeeded()) {
                acked.incrementAndGet();
              } else {
                failed.incrementAndGet();
                LOG.atDebug().setMessage("ingest rejected or missed an event").addKeyValue("room", event.room())
                    .addKeyValue("session", event.sessionId()).addKeyValue("type", event.type())
                    .addKeyValue("error", ar.cause().getMessage()).log();
              }
            });
  }

  public long inFlight() {
    return inFlight.get();
  }

  public long sent() {
    return sent.get();
  }

  public long acked() {
    return acked.get();
  }

  public long failed() {
    return failed.get();
  }

  public long dropped() {
    return dropped.get();
  }
}
