package io.switchboard.analytics.kpi;

import io.switchboard.contract.analytics.KpiBucket;
import io.switchboard.contract.analytics.KpiQuery;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bucket boundaries in the query's zone. Keys are local labels: {@code 2026-01-05T14:00} (hour),
 * {@code 2026-01-05} (day), the Monday {@code 2026-01-05} (ISO week). Hours step along the
 * instant timeline, so a DST fall-back hour appearing twice maps to one key.
 */
final class KpiBuckets {
  private KpiBuckets() {}

  private static final DateTimeFormatter HOUR_KEY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:00");

  /** The key of the bucket holding a call started in local hour {@code h}. */
  static String keyOf(KpiBucket bucket, LocalDateTime h) {
    return switch (bucket) {
      case HOUR -> h.format(HOUR_KEY);
      case DAY -> h.toLocalDate().toString();
      case WEEK -> h.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
    };
  }

  /** Every bucket overlapping {@code [from, to)}, key → start instant, in time order. */
  static Map<String, Instant> all(KpiQuery q) {
    Map<String, Instant> out = new LinkedHashMap<>();
    ZonedDateTime start = truncate(q.bucket(), q.from().atZone(q.tz()));
    for (ZonedDateTime t = start; t.toInstant().isBefore(q.to()); t = next(q.bucket(), t)) {
      out.putIfAbsent(keyOf(q.bucket(), t.toLocalDateTime()), t.toInstant());
    }
    return out;
  }

  private static ZonedDateTime truncate(KpiBucket bucket, ZonedDateTime t) {
    return switch (bucket) {
      case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
      case DAY -> t.toLocalDate().atStartOfDay(t.getZone());
      case WEEK -> t.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(t.getZone());
    };
  }

  private static ZonedDateTime next(KpiBucket bucket, ZonedDateTime t) {
    return switch (bucket) {
      case HOUR -> t.plusHours(1);
      case DAY -> t.toLocalDate().plusDays(1).atStartOfDay(t.getZone());
      case WEEK -> t.toLocalDate().plusWeeks(1).atStartOfDay(t.getZone());
    };
  }
}
