package io.switchboard.bench.chaos;

import io.vertx.core.json.JsonObject;

/**
 * One sample of {@code scripts/bench --soak}.
 *
 * @param heapBytes the node's heap in use right after a forced full GC (every pool, so it includes
 *     what the running load allocated between the GC and the read)
 * @param liveHeapBytes the old generation after that GC ({@code jvm_gc_live_data_size_bytes}): the
 *     live set, the figure judged
 * @param census Redis by key class ({@link KeyCensus}: SCAN, which skips keys whose TTL has passed
 *     but that Redis's active expiry has not reclaimed yet, and DBSIZE, which counts them)
 */
record SoakSample(long atS, long heapBytes, long liveHeapBytes, long openFiles, long live, long started, long ended, long failed,
    KeyCensus.Census census) {

  /** Keys that exist (the census), besides the by-design 24 h {@code :ended} tombstones. */
  long keysBesidesTombstones() {
    return census.total() - census.keys(KeyCensus.CALL_ENDED);
  }

  JsonObject json() {
    return new JsonObject().put("at_s", atS).put("heap_bytes", heapBytes).put("heap_live_bytes", liveHeapBytes)
        .put("redis_keys", census.total()).put("redis_dbsize", census.redis().dbsize()).put("ended_tombstones", census.keys(KeyCensus.CALL_ENDED))
        .put("open_files", openFiles).put("live_calls", live).put("calls_started", started).put("calls_ended", ended).put("posts_failed", failed)
        .put("redis", census.json());
  }
}
