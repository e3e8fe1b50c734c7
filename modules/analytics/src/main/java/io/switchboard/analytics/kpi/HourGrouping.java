package io.switchboard.analytics.kpi;

import io.switchboard.analytics.archive.ArchiveDocument;
import io.switchboard.contract.analytics.KpiQuery;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.HashSet;
import java.util.Set;

/**
 * How the KPI pipeline groups calls by local start hour of the query's zone.
 *
 * <p>Fast path: local hours are UTC hours shifted by the sub-hour part of the zone offset (0 for
 * almost every zone, 30/45 min for India, Nepal…), and that part does not change across DST
 * transitions in practice. Grouping by {@code started_hour_ms} (or by {@code started_ms + shift}
 * floored to the hour) needs no date formatting per document, which was two thirds of the
 * pipeline's time on mongo-java-server; Java then maps each group to its local hour with the
 * zone's full rules, so DST stays exact.
 *
 * <p>Fallback: when the sub-hour part changes inside the range (Australia/Lord_Howe's 30-min DST),
 * group by {@code $dateToString} in the zone, which both servers honour.
 */
record HourGrouping(Object groupId, Long shiftMs, ZoneId tz) {
  static final String HOUR_FORMAT = "%Y-%m-%dT%H";

  static HourGrouping of(KpiQuery q) {
    Long shift = subHourShift(q.tz(), q.from(), q.to());
    if (shift == null) {
      JsonObject byFormat = new JsonObject().put("$dateToString", new JsonObject()
          .put("format", HOUR_FORMAT).put("date", "$started_at").put("timezone", mongoZone(q.tz())));
      return new HourGrouping(byFormat, null, q.tz());
    }
    if (shift == 0) {
      return new HourGrouping("$" + ArchiveDocument.STARTED_HOUR_MS, 0L, q.tz());
    }
    JsonObject shifted = new JsonObject().put("$add", new JsonArray().add("$" + ArchiveDocument.STARTED_MS).add(shift));
    JsonObject floored = new JsonObject().put("$subtract", new JsonArray().add(shifted)
        .add(new JsonObject().put("$mod", new JsonArray().add(shifted).add(ArchiveDocument.HOUR_MS))));
    return new HourGrouping(floored, shift, q.tz());
  }

  /** The local start hour of a group, from its {@code _id}. */
  LocalDateTime localHour(Object id) {
    if (shiftMs == null) {
      return LocalDateTime.parse(id + ":00");
    }
    long utc = ((Number) id).longValue() - shiftMs;
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(utc), tz).truncatedTo(ChronoUnit.HOURS);
  }

  /** The zone's offset modulo one hour (ms) if it is the same throughout [from, to), else null. */
  static Long subHourShift(ZoneId tz, Instant from, Instant to) {
    ZoneRules rules = tz.getRules();
    Set<Integer> parts = new HashSet<>();
    parts.add(Math.floorMod(rules.getOffset(from).getTotalSeconds(), 3600));
    for (ZoneOffsetTransition t = rules.nextTransition(from); t != null && t.getInstant().isBefore(to);
        t = rules.nextTransition(t.getInstant())) {
      parts.add(Math.floorMod(t.getOffsetAfter().getTotalSeconds(), 3600));
    }
    return parts.size() == 1 ? parts.iterator().next() * 1000L : null;
  }

  /** MongoDB wants an Olson id or a ±HH:MM offset; {@code Z}/{@code UTC+8} style ids are normalised. */
  static String mongoZone(ZoneId tz) {
    String id = tz.normalized().getId();
    return id.equals("Z") ? "+00:00" : id;
  }
}
