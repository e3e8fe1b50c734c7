package io.switchboard.platform.bus;

import io.switchboard.contract.sentiment.SentimentAnnotation;
import io.switchboard.contract.sentiment.SentimentRequest;
import io.vertx.core.eventbus.EventBus;

/** The {@link RecordCodec}s of contract records, one per record type, registered on every node. */
public final class ContractCodecs {
  private ContractCodecs() {}

  /** {@code sentiment.analyze} request, ingest → sentiment. */
  public static final RecordCodec<SentimentRequest> SENTIMENT_REQUEST =
      RecordCodec.of("switchboard.sentiment-request", SentimentRequest::toJson);
  /** Its reply, sentiment → ingest; only to a request that came as a record. */
  public static final RecordCodec<SentimentAnnotation> SENTIMENT_ANNOTATION =
      RecordCodec.of("switchboard.sentiment-annotation", SentimentAnnotation::toJson);

  /** Registers all of them on this event bus (no-ops when already registered). */
  public static void register(EventBus bus) {
    SENTIMENT_REQUEST.register(bus);
    SENTIMENT_ANNOTATION.register(bus);
  }
}
