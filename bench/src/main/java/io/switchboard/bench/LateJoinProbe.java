package io.switchboard.bench;

import io.switchboard.testkit.BridgeClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dashboard joining late while the load benchmark's load runs (issue 16: "late join of a
 * 2,000-line history p99 ≤ 50 ms while the 5,000-call load runs"): one extra call with
 * {@link #LINES} lines is written before the warm-up; from the start of the warm-up a bridge client
 * fetches its complete history ({@code call.history}, paging until {@code hasMore} is false) every
 * {@code periodMs} (the load benchmark: every second), each fetch timed from request to last page;
 * only fetches started after {@link #measure()} count. Fetching during the warm-up too matters: the
 * history path's first use loads classes, which deoptimises compiled code all over the node (Jackson,
 * {@code HashMap}), and its recompilation fell inside the measured window (bench/BOTTLENECKS.md,
 * session 11).
 */
final class LateJoinProbe implements AutoCloseable {
  static final int LINES = 2000;

  private final Agents agent;
  private final BridgeClient bridge;
  private final String room;
  private volatile Stats fetches = new Stats();
  private volatile boolean counting;
  private volatile boolean stopped;
  private volatile int shortFetches;
  private volatile String lastError;
  private Thread thread;

  private LateJoinProbe(Agents agent, BridgeClient bridge) {
    this.agent = agent;
    this.bridge = bridge;
    this.room = agent.room(0);
  }

  /**
   * The turns of a call history, as a contact centre hears them: one line in five carries a number
   * (an order, an amount, a time) — a viewer's redaction runs every pattern on those only.
   */
  static final List<String> HISTORY = List.of(
      "hi, I'm calling about the second charge on my invoice",
      "of course, I can help you with that. may I ask your name?",
      "it's about order 4471, it was charged twice",
      "thank you. let me look that up for you",
      "I see the order here, and I see what happened",
      "so will I get the money back?",
      "yes, the duplicate charge of forty two dollars will be refunded",
      "how long does that take?",
      "it usually shows on your statement within a few working days",
      "okay, thanks, that is helpful");

  /** Event data of the i-th line of the history. */
  static JsonObject historyLine(int i) {
    return new JsonObject().put("role", i % 2 == 0 ? "agent" : "user").put("final", true).put("text", HISTORY.get(i % HISTORY.size()));
  }

  /** Starts the call, writes its history, connects the late-joining dashboard. */
  static LateJoinProbe prepare(Vertx vertx, int port, String token) throws Exception {
    Agents agent = new Agents(vertx, port, "lj", 1, 8);
    agent.startCalls().await(30, TimeUnit.SECONDS);
    Agents.each(LINES, 8, i -> agent.post(0, "transcript",
        historyLine(i)))
        .await(120, TimeUnit.SECONDS);
    BridgeClient bridge = BridgeClient.connect(vertx, port, new JsonObject().put("authorization", "Bearer " + token)).await(10, TimeUnit.SECONDS);
    return new LateJoinProbe(agent, bridge);
  }

  void start(long periodMs) {
    thread = new Thread(() -> {
      while (!stopped) {
        long t0 = System.nanoTime();
        boolean counted = counting;
        Stats into = fetches;
        try {
          int got = LateJoinBench.fetchAll(bridge, room, 0, 0, new int[1]).await(10, TimeUnit.SECONDS);
          if (counted) {
            into.add((System.nanoTime() - t0) / 1000);
            if (got < LINES) {
              shortFetches++;
            }
          }
          Thread.sleep(periodMs);
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          if (counted) {
            lastError = String.valueOf(e.getMessage());
            shortFetches++;
          }
        }
      }
    }, "late-join-probe");
    thread.setDaemon(true);
    thread.start();
  }

  /** From now on fetches count (the measured window starts); those before are the warm-up's. */
  void measure() {
    fetches = new Stats();
    shortFetches = 0;
    lastError = null;
    counting = true;
  }

  /** Stops fetching; {fetches: p50/p95/p99/max, short (fewer than LINES lines, or failed), last_error}. */
  JsonObject stop() throws InterruptedException {
    stopped = true;
    if (thread != null) {
      thread.join(15_000);
    }
    return fetches.json().put("lines", LINES).put("short", shortFetches).put("last_error", lastError);
  }

  @Override
  public void close() {
    stopped = true;
    bridge.close();
    agent.close();
  }
}
