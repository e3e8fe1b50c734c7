package io.switchboard.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Drops the embedded MongoDB-protocol server's "adding secondary index … is not yet implemented"
 * warning (one per index analytics creates, on every start): the embedded archive works without
 * those indexes, and a person starting the demo should not read a warning about something that
 * needs no action. Everything else that server logs still gets through. Installed in logback.xml.
 */
public final class EmbeddedMongoNoise extends TurboFilter {
  static final String LOGGER_PREFIX = "de.bwaldvogel.mongo";
  static final String NOT_IMPLEMENTED = "is not yet implemented";

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format != null && logger != null && logger.getName().startsWith(LOGGER_PREFIX) && format.contains(NOT_IMPLEMENTED)) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
