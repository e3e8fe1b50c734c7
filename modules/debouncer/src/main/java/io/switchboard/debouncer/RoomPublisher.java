package io.switchboard.debouncer;

import io.switchboard.contract.Addresses;
import io.switchboard.contract.live.CallFields;
import io.switchboard.contract.live.ChangeRecord;
import io.switchboard.contract.live.RedisKeys;
import io.switchboard.contract.live.RoomDelta;
import io.switchboard.contract.live.WatchedRooms;
import io.switchboard.platform.bus.SharedJsonCodec;
import io.switchboard.platform.redis.ChangeRecordCodec;
import io.switchboard.platform.redis.LiveStateCodec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Coalesces changes per room for one window, then publishes a delta: the log lines after the last
 * published seq and the fields that changed (docs/architecture.md#deltas-and-late-join). When the
 * change records of the window cover every notification it applies them to what it last published
 * instead of reading the room ({@link RoomFeed}, docs/architecture.md#change-feed); otherwise it
 * reads the room once. Also feeds the call-list batcher. Only rooms this instance owns are published.
 */
final class RoomPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(RoomPublisher.class);
  private static final int MAX_LINES_PER_DELTA = 500;
  /** Most rooms read in one pipeline (four commands each). */
  private static final int MAX_ROOMS_PER_READ = 64;

  private final Vertx vertx;
  private final Redis redis;
  private final long windowMs;
  /**
   * Windows end on multiples of this many ms (a tenth of the window, 1 to 5 ms), so that the rooms
   * whose windows end together are read in one pipeline on one timer: with one line per call per
   * second nothing coalesces, and a timer and a Redis round trip per room were most of the
   * debouncer's cost besides decoding (bench/BOTTLENECKS.md). A window lasts W to W + tick.
   */
  private final long tickMs;
  /** tick number → rooms whose window ends then, in touch order. */
  private final Map<Long, List<String>> dueAt = new HashMap<>();
  private final Predicate<String> owns;
  private final ToLongFunction<String> ownedSince;
  private final ListDeltaBatcher list;
  private final Map<String, RoomView> views = new HashMap<>();
  /** Rooms with notifications or records since their last flush began. */
  private final Map<String, RoomFeed> feeds = new HashMap<>();
  private final Set<String> pending = new HashSet<>();
  private final Set<String> flushing = new HashSet<>();
  private final Set<String> again = new HashSet<>();
  private final WatchedRoomSet watched = new WatchedRoomSet();
  /** Rooms whose next delta carries every field: a socket began watching while their deltas were not built. */
  private final Set<String> fullFields = new HashSet<>();
  private long deltas;
  private final DebouncerMetrics metrics;
  private final DebugRings debug;

  RoomPublisher(
      Vertx vertx, Redis redis, long windowMs, Predicate<String> owns, ToLongFunction<String> ownedSince, ListDeltaBatcher list,
      DebouncerMetrics metrics, DebugRings debug) {
    this.metrics = metrics;
    this.debug = debug;
    this.vertx = vertx;
    this.redis = redis;
    this.windowMs = windowMs;
    this.tickMs = Math.max(1, Math.min(5, windowMs / 10));
    this.owns = owns;
    this.ownedSince = ownedSince;
    this.list = list;
    SharedJsonCodec.register(vertx.eventBus());
  }

  long deltasPublished() {
    return deltas;
  }

  Set<String> knownRooms() {
    return Set.copyOf(views.keySet());
  }

  /**
   * Something changed in the room that only a read can tell (a resync, a room never read): publish
   * within one window from what Redis holds then.
   */
  void touch(String room) {
    if (!owns.test(room)) {
      return;
    }
    feeds.computeIfAbsent(room, r -> new RoomFeed()).mustRead();
    schedule(room);
  }

  /** A keyspace notification of the room's state (hashWrite: an HSET of its call hash). */
  void notified(String room, boolean hashWrite) {
    if (!owns.test(room)) {
      return;
    }
    feeds.computeIfAbsent(room, r -> new RoomFeed()).notified(hashWrite);
    schedule(room);
  }

  /** A change record of the room from the feed channel, right after its HSET's notification. */
  void recorded(String room, Buffer raw) {
    if (!owns.test(room)) {
      return;
    }
    RoomFeed feed = feeds.computeIfAbsent(room, r -> new RoomFeed());
    ChangeRecord record = null;
    try {
      record = ChangeRecordCodec.parse(raw);
    } catch (IllegalArgumentException e) {
      LOG.atWarn().addKeyValue("room", room).addKeyValue("error", e.getMessage()).log("change record not understood; reading the room");
    }
    // while a read is in flight it cannot be known whether the read saw this write
    if (record == null || flushing.contains(room) || !feed.recorded(record)) {
      feed.mustRead();
      schedule(room);
    }
  }

  /** Publish the room within one window (changes inside it coalesce). */
  private void schedule(String room) {
    metrics.changed(room);
    if (flushing.contains(room)) {
      again.add(room);
      return;
    }
    if (pending.add(room)) {
      long now = nowMs();
      long tick = (now + windowMs + tickMs - 1) / tickMs;
      List<String> due = dueAt.get(tick);
      if (due == null) {
        due = new ArrayList<>();
        dueAt.put(tick, due);
        long at = tick;
        vertx.setTimer(Math.max(1, tick * tickMs - now), t -> flush(dueAt.remove(at)));
      }
      due.add(room);
    }
  }

  /**
   * The gateways' announcement of watched rooms (docs/architecture.md#watched-rooms). A room that
   * was not watched is read at once and its next delta carries every field: changes made while no
   * delta was built must reach a socket that fetched the call's history before they were made.
   */
  void watching(WatchedRooms message) {
    for (String room : watched.heard(message, nowMs())) {
      if (views.containsKey(room) && owns.test(room)) {
        fullFields.add(room);
        touch(room);
      }
    }
  }

  int watchedRooms() {
    return watched.size();
  }

  private static long nowMs() {
    return System.nanoTime() / 1_000_000;
  }

  /** Forget rooms of partitions this instance no longer owns. */
  void forget(Predicate<String> stillOwned) {
    feeds.keySet().removeIf(room -> !stillOwned.test(room));
    views.keySet().removeIf(room -> {
      boolean gone = !stillOwned.test(room);
      if (gone) {
        debug.forget(room);
      }
      return gone;
    });
  }

  private void flush(List<String> due) {
    if (due == null) {
      return;
    }
    List<RoomRead.Query> reads = new ArrayList<>(Math.min(due.size(), MAX_ROOMS_PER_READ));
    for (String room : due) {
      pending.remove(room);
      RoomFeed feed = feeds.remove(room);
      if (!owns.test(room)) {
        views.remove(room);
        debug.forget(room);
        metrics.settled(room);
        continue;
      }
      RoomView known = views.get(room);
      List<ChangeRecord> records = feed == null ? null : feed.coveringRecords();
      if (records != null && known != null && publishRecorded(room, known, records)) {
        metrics.flushed(true);
        metrics.settled(room);
        continue;
      }
      metrics.flushed(false);
      flushing.add(room);
      reads.add(new RoomRead.Query(room, known == null ? 0 : known.lastSeq, MAX_LINES_PER_DELTA));
      if (reads.size() == MAX_ROOMS_PER_READ) {
        read(reads);
        reads = new ArrayList<>(MAX_ROOMS_PER_READ);
      }
    }
    if (!reads.isEmpty()) {
      read(reads);
    }
  }

  private void read(List<RoomRead.Query> reads) {
    RoomRead.afterEach(redis, reads).onComplete(ar -> {
      for (int i = 0; i < reads.size(); i++) {
        RoomRead.Query q = reads.get(i);
        Response r = ar.succeeded() ? ar.result().get(i) : null;
        if (r != null) {
          try {
            publish(q.room(), q.afterSeq(), LiveStateCodec.rawFields(r.get(0)), LiveStateCodec.lines(r.get(1)));
          } catch (RuntimeException e) {
            // a room whose state cannot be read as a call (a key of another type, a corrupt line)
            // must not stop the other rooms of the read
            LOG.atWarn().addKeyValue("room", q.room()).addKeyValue("error", String.valueOf(e)).log("room delta not built");
          }
        } else {
          // Redis is away: the resync after re-subscription will catch up
          LOG.atDebug().addKeyValue("room", q.room()).log("room read failed");
        }
        flushing.remove(q.room());
        metrics.settled(q.room());
        if (again.remove(q.room())) {
          schedule(q.room()); // what came in meanwhile decides (its RoomFeed)
        }
      }
    });
  }

  /**
   * The window's records applied to what was last published: the hash as last published with the
   * fields they wrote, their lines. False (nothing published, the read decides) unless they
   * continue the view without a gap — the same session, each record starting at the seq the one
   * before ended at — and can be published (a line that is not JSON cannot).
   */
  private boolean publishRecorded(String room, RoomView view, List<ChangeRecord> records) {
    long at = view.lastSeq;
    for (ChangeRecord r : records) {
      if (!r.session().equals(view.sessionId) || r.baseSeq() != at) {
        return false;
      }
      at = r.toSeq();
    }
    if (!watched.watched(room, nowMs())) {
      applyUnwatched(room, view, records, at);
      return true;
    }
    JsonArray lines = new JsonArray();
    try {
      for (ChangeRecord r : records) {
        for (ChangeRecord.Line line : r.lines()) {
          lines.add(LiveStateCodec.line(line.seq(), line.json()));
        }
      }
    } catch (RuntimeException e) {
      LOG.atWarn().addKeyValue("room", room).addKeyValue("error", String.valueOf(e)).log("change record not published; reading the room");
      return false;
    }
    deliver(room, view, lines, applyFields(view, records, null));
    return true;
  }

  /**
   * A window of a room no bridge socket watches: the view and the call list move on, no delta is
   * built — its lines are not decoded, of its fields only the call list's (docs/architecture.md#watched-rooms).
   */
  private void applyUnwatched(String room, RoomView view, List<ChangeRecord> records, long toSeq) {
    metrics.unwatched();
    JsonObject changed = applyFields(view, records, CallFields.SUMMARY_FIELD_SET);
    view.lastSeq = toSeq;
    updateList(room, view, view.fields, changed);
    if (toSeq < number(view.fields, CallFields.LAST_SEQ)) {
      touch(room);
    }
  }

  /**
   * The records' writes applied to the view's hash in place; the fields whose string changed,
   * decoded (only those of {@code only} when not null). Only the fields they wrote are compared
   * (copying the whole hash per event was ≈ 2 % of the node, bench/BOTTLENECKS.md).
   */
  private static JsonObject applyFields(RoomView view, List<ChangeRecord> records, Set<String> only) {
    Map<String, String> before = new HashMap<>();
    for (ChangeRecord r : records) {
      List<String> fv = r.fieldValues();
      for (int i = 0; i + 1 < fv.size(); i += 2) {
        String field = fv.get(i);
        String was = view.fields.put(field, fv.get(i + 1));
        if (!before.containsKey(field)) {
          before.put(field, was);
        }
      }
    }
    JsonObject changed = new JsonObject();
    before.forEach((field, was) -> {
      String now = view.fields.get(field);
      if ((only == null || only.contains(field)) && !Objects.equals(was, now)) {
        changed.put(field, LiveStateCodec.field(field, now));
      }
    });
    return changed;
  }

  private void publish(String room, long readAfter, Map<String, String> fields, JsonArray lines) {
    RoomView view = views.get(room);
    if (fields.isEmpty()) {
      if (view != null) {
        views.remove(room);
        debug.forget(room);
        emit(new RoomDelta(room, view.sessionId, view.lastSeq, view.lastSeq, new JsonArray(), new JsonObject(), true));
        if (view.listed) {
          list.remove(room);
        }
      }
      return;
    }
    String session = fields.get(CallFields.SESSION_ID);
    long lastSeq = number(fields, CallFields.LAST_SEQ);
    if (view == null || !Objects.equals(view.sessionId, session)) {
      boolean newSession = view != null;
      long startedAt = number(fields, CallFields.STARTED_AT);
      // a call that started before we owned its room was published by another instance up to
      // some seq we cannot know: continue from its current seq; clients that miss lines see the
      // gap in the next delta and fetch them from call.history
      long from = newSession || startedAt >= ownedSince.applyAsLong(room) ? 0 : lastSeq;
      if (view != null && view.listed && !"active".equals(fields.get(CallFields.STATUS))) {
        list.remove(room);
      }
      view = new RoomView(session, from);
      views.put(room, view);
      debug.watch(room);
      if (readAfter > from) {
        // the lines read were after the previous session's seq: read the new session's again
        again.add(room);
        return;
      }
      lines = LogLinesSeq.after(lines, from);
    } else {
      lines = LogLinesSeq.after(lines, view.lastSeq);
    }
    // a room a socket began to watch gets every field (see watching)
    JsonObject changed = diff(fullFields.remove(room) ? Map.of() : view.fields, fields);
    view.fields = fields;
    deliver(room, view, lines, changed);
  }

  /**
   * The delta of lines after the view's seq and fields changed, the view's hash already holding
   * them: published, the view moved on, the call list told.
   */
  private void deliver(String room, RoomView view, JsonArray lines, JsonObject changed) {
    if (lines.isEmpty() && changed.isEmpty()) {
      return;
    }
    long to = lines.isEmpty() ? view.lastSeq : LogLinesSeq.last(lines);
    emit(new RoomDelta(room, view.sessionId, view.lastSeq, to, lines, changed, false));
    view.lastSeq = to;
    updateList(room, view, view.fields, changed);
    if (lines.size() >= MAX_LINES_PER_DELTA || to < number(view.fields, CallFields.LAST_SEQ)) {
      touch(room);
    }
  }

  private void updateList(String room, RoomView view, Map<String, String> fields, JsonObject changed) {
    boolean active = "active".equals(fields.get(CallFields.STATUS));
    if (!active) {
      if (view.listed) {
        view.listed = false;
        list.remove(room);
      }
      return;
    }
    JsonObject summary = new JsonObject();
    for (String f : CallFields.SUMMARY_FIELDS) {
      if (changed.containsKey(f)) {
        summary.put(f, changed.getValue(f));
      } else if (!view.listed) {
        summary.put(f, LiveStateCodec.field(f, fields.get(f)));
      }
    }
    if (view.listed && summary.isEmpty()) {
      return;
    }
    summary.put(CallFields.ROOM, room).put(CallFields.SESSION_ID, view.sessionId);
    view.listed = true;
    list.upsert(room, summary);
  }

  private void emit(RoomDelta delta) {
    deltas++;
    metrics.published(delta);
    LOG.atDebug().addKeyValue("room", delta.room()).addKeyValue("fromSeq", delta.fromSeq()).addKeyValue("toSeq", delta.toSeq()).log("room delta");
    SharedJsonCodec.publish(vertx.eventBus(), Addresses.call(delta.room()), delta.toJson());
  }

  /**
   * The fields whose Redis string differs, decoded (only those: most of a call's hash, such as its
   * sentiment state, is JSON that rarely changes); a field that disappeared is sent as null.
   */
  static JsonObject diff(Map<String, String> before, Map<String, String> after) {
    JsonObject changed = new JsonObject();
    for (Map.Entry<String, String> e : after.entrySet()) {
      if (!Objects.equals(before.get(e.getKey()), e.getValue())) {
        changed.put(e.getKey(), LiveStateCodec.field(e.getKey(), e.getValue()));
      }
    }
    for (String k : before.keySet()) {
      if (!after.containsKey(k)) {
        changed.putNull(k);
      }
    }
    return changed;
  }

  /** A number field of the hash as {@link LiveStateCodec#field} reads it; 0 when absent or not a number. */
  private static long number(Map<String, String> fields, String name) {
    return LiveStateCodec.field(name, fields.get(name)) instanceof Number n ? n.longValue() : 0;
  }
}
