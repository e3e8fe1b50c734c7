package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class EmbeddedMongoNoiseTest {
  private final LoggerContext context = new LoggerContext();
  private final EmbeddedMongoNoise filter = new EmbeddedMongoNoise();

  @Test
  void dropsOnlyTheEmbeddedServersNotImplementedWarning() {
    var mongo = context.getLogger("de.bwaldvogel.mongo.backend.AbstractMongoDatabase");
    // the message mongo-java-server 1.47 logs for every createIndexes on a non-_id key
    assertEquals(FilterReply.DENY, filter.decide(null, mongo, Level.WARN,
        "adding secondary index with keys {} is not yet implemented. ignoring", new Object[] {"{started_at=1}"}, null));
    assertEquals(FilterReply.NEUTRAL, filter.decide(null, mongo, Level.WARN, "failed to open database {}", null, null));
    var ours = context.getLogger("io.switchboard.analytics.AnalyticsVerticle");
    assertEquals(FilterReply.NEUTRAL, filter.decide(null, ours, Level.WARN, "feature is not yet implemented", null, null));
    assertEquals(FilterReply.NEUTRAL, filter.decide(null, mongo, Level.WARN, null, null, null));
  }
}
