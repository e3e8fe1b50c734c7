package io.switchboard.bench;

import io.switchboard.app.BenchNode;
import io.switchboard.testkit.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 5: Redis bytes per active call (MEMORY USAGE of the hash and the log stream, and the
 * INFO used_memory delta / calls) without transcript text, JVM heap after GC with the calls
 * live, and proof that ended calls release it: every call ends, is archived (analytics on the
 * embedded MongoDB) and its keys expire ({@code ingest.ended.ttl.s=1}); used_memory, keys and
 * active_calls must fall back to the empty baseline.
 */
public final class MemoryBench {
  private MemoryBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Report report = new Report("memory", args.quick);
    int calls = args.integer("calls", 5000, 1000);
    int releaseWaitS = args.integer("release-wait", 90, 45);
    try (TestRedis redis = TestRedis.start()) {
      BenchNode node = BenchNode.start(
          BenchNode.baseConfig(redis.url(), "gateway,ingest,debouncer,analytics").put("ingest.ended.ttl.s", 1));
      Vertx vertx = Vertx.vertx();
      Redis client = Redis.createClient(vertx, redis.url());
      RedisAPI api = RedisAPI.api(client);
      try (Agents agents = new Agents(vertx, node.port(), "mem", calls, 32)) {
        Thread.sleep(1000);
        long mem0 = usedMemory(api);
        long keys0 = dbsize(api);
        long heap0 = heapAfterGc();

        agents.startCalls().await(180, TimeUnit.SECONDS);
        // one agent_state per call: the hash then holds what a live call has besides text
        Agents.each(calls, 64, i -> agents.post(i, "agent_state", new JsonObject().put("state", "listening"))).await(120, TimeUnit.SECONDS);
        Thread.sleep(1500);
        long mem1 = usedMemory(api);
        long keys1 = dbsize(api);
        long active1 = api.zcard("active_calls").await(5, TimeUnit.SECONDS).toLong();
        long heap1 = heapAfterGc();
        int sample = Math.min(calls, 50);
        long hashBytes = 0;
        long logBytes = 0;
        for (int i = 0; i < sample; i++) {
          hashBytes += memoryUsage(api, "call:" + agents.room(i));
          logBytes += memoryUsage(api, "call:" + agents.room(i) + ":log");
        }
        JsonObject patterns = keyPatterns(api);
        report.details().put("key_patterns_live", patterns);
        double perCallHash = (double) hashBytes / sample;
        double perCallLog = (double) logBytes / sample;
        double perCallInfo = (double) (mem1 - mem0) / calls;
        double heapPerCall = (double) (heap1 - heap0) / calls;

        long e0 = System.nanoTime();
        agents.endCalls().await(180, TimeUnit.SECONDS);
        long deadline = System.currentTimeMillis() + releaseWaitS * 1000L;
        long active2 = -1;
        long pending2 = -1;
        long keys2 = -1;
        while (System.currentTimeMillis() < deadline) {
          active2 = api.zcard("active_calls").await(5, TimeUnit.SECONDS).toLong();
          pending2 = api.scard("archive:pending").await(5, TimeUnit.SECONDS).toLong();
          keys2 = dbsize(api);
          // call:<room>:ended (the ended-session tombstone, 24 h TTL by design) stays: one key per call
          if (active2 == 0 && pending2 == 0 && keys2 <= keys0 + calls + calls / 100 + 2) {
            break;
          }
          Thread.sleep(500);
        }
        double releaseS = (System.nanoTime() - e0) / 1e9;
        Thread.sleep(500);
        long mem2 = usedMemory(api);
        long heap2 = heapAfterGc();
        long tombstoneBytes = 0;
        long tombstones = 0;
        for (int i = 0; i < sample; i++) {
          long b = memoryUsage(api, "call:" + agents.room(i) + ":ended");
          tombstoneBytes += b;
          tombstones += b > 0 ? 1 : 0;
        }
        double tombstonePerCall = (double) tombstoneBytes / sample;
        long left = mem2 - mem0 - Math.round(tombstonePerCall * calls);
        report.details()
            .put("calls", calls)
            .put("used_memory_empty", mem0).put("used_memory_live", mem1).put("used_memory_after_end", mem2)
            .put("keys_empty", keys0).put("keys_live", keys1).put("keys_after_end", keys2)
            .put("active_calls_live", active1).put("active_calls_after_end", active2).put("archive_pending_after_end", pending2)
            .put("memory_usage_hash_avg", Stats.r(perCallHash)).put("memory_usage_log_avg", Stats.r(perCallLog))
            .put("heap_empty", heap0).put("heap_live", heap1).put("heap_after_end", heap2)
            .put("release_s", Stats.r(releaseS))
            .put("ended_tombstone_bytes_avg", Stats.r(tombstonePerCall)).put("ended_tombstones_in_sample", tombstones + "/" + sample);
        report.row("Redis bytes per active call (used_memory delta / calls)", Stats.r(perCallInfo), "B")
            .baseline("MEMORY USAGE hash + log stream", Stats.r(perCallHash + perCallLog))
            .note("hash " + Math.round(perCallHash) + " B + stream " + Math.round(perCallLog) + " B (one lifecycle line, no transcript); active_calls entry and dedup/ended sets make the rest");
        report.row("JVM heap after GC with " + calls + " live calls", Stats.r(heap1 / 1e6), "MB")
            .baseline("same node empty, after GC (MB)", Stats.r(heap0 / 1e6))
            .note(String.format("%.0f B per call (node and benchmark share this JVM: at 1,000 calls this is within GC noise)", heapPerCall));
        JsonObject after = keyPatterns(api);
        report.details().put("key_patterns_after_end", after);
        long callKeysLeft = after.fieldNames().stream().filter(k -> k.startsWith("call:") && !k.endsWith(":ended")).mapToLong(after::getInteger).sum();
        boolean released = active2 == 0 && pending2 == 0 && callKeysLeft == 0 && left <= (mem1 - mem0) * 15 / 100;
        report.row("Redis used_memory after all calls ended (archived + TTL 1 s), besides ended-session tombstones", Stats.r((double) left / 1024), "KiB above empty")
            .baseline("growth with " + calls + " live calls (KiB)", Stats.r((double) (mem1 - mem0) / 1024))
            .target("≥ 85% of the growth released, no call hash/log left, active_calls 0", released)
            .note("active_calls " + active1 + " → " + active2 + ", keys " + keys1 + " → " + keys2 + " (empty " + keys0 + "), archive:pending " + pending2 + ", call keys left " + callKeysLeft + ", released in " + Stats.r(releaseS)
                + " s; the call:<room>:ended tombstone (" + Math.round(tombstonePerCall)
                + " B per call, TTL 24 h by design: a retried event cannot resurrect an ended call) stays: " + (mem2 - mem0) / 1024 + " KiB in all");
        report.row("JVM heap after GC, all calls ended and archived", Stats.r(heap2 / 1e6), "MB")
            .baseline("same node empty, after GC (MB)", Stats.r(heap0 / 1e6))
            .note("the archive lives in this JVM (in-process memory MongoDB, mongo.embedded=memory): its growth is archived calls, not live state");
      } finally {
        client.close();
        vertx.close().await(10, TimeUnit.SECONDS);
        node.close();
      }
    }
    report.write(args.out);
    System.exit(0);
  }

  /** Key counts by pattern (digits folded to N): what a live call leaves in Redis. */
  static JsonObject keyPatterns(RedisAPI api) throws Exception {
    JsonObject out = new JsonObject();
    String cursor = "0";
    int rounds = 0;
    do {
      Response r = api.scan(List.of(cursor, "COUNT", "5000")).await(5, TimeUnit.SECONDS);
      cursor = r.get(0).toString();
      for (Response k : r.get(1)) {
        String p = k.toString().replaceAll("\\d+", "N");
        out.put(p, out.getInteger(p, 0) + 1);
      }
    } while (!"0".equals(cursor) && ++rounds < 1000);
    return out;
  }

  static long usedMemory(RedisAPI api) throws Exception {
    String info = api.info(List.of("memory")).await(5, TimeUnit.SECONDS).toString();
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    throw new IllegalStateException("no used_memory in INFO");
  }

  static long dbsize(RedisAPI api) throws Exception {
    return api.dbsize().await(5, TimeUnit.SECONDS).toLong();
  }

  static long memoryUsage(RedisAPI api, String key) throws Exception {
    Response r = api.memory(List.of("USAGE", key, "SAMPLES", "0")).await(5, TimeUnit.SECONDS);
    return r == null ? 0 : r.toLong();
  }

  static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
