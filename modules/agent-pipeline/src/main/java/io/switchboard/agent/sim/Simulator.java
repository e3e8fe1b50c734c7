package io.switchboard.agent.sim;

import io.switchboard.agent.ProviderFactory;
import io.switchboard.agent.events.EventSink;
import io.switchboard.agent.AgentPipelineConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code simulator.calls} synthetic calls running: the first ones start spread over
 * {@code simulator.stagger.ms} ({@link LaunchSchedule}), each at its own pace, then new ones start
 * (at most {@code simulator.rate} per second, so a large target ramps up) whenever calls end. Rooms are
 * {@code <prefix>-<n>} with n increasing, so a room name is never reused for a second call.
 * Also the load generator for benchmarks ({@link LoadMain}).
 */
public final class Simulator {
  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
  private static final long TICK_MS = 100;

  private final Vertx vertx;
  private final AgentPipelineConfig config;
  private final ScenarioCatalog catalog;
  private final EventSink sink;
  private final ProviderFactory factory;
  private final Random random;
  private final String runId;
  private final Map<String, SimulatedCall> active = new LinkedHashMap<>();
  private final Map<String, Long> endReasons = new LinkedHashMap<>();
  private long started;
  private long ended;
  private double budget;
  private long ticker = -1;
  /** first calls scheduled but not started yet: they count as running for the top-up */
  private final List<Long> pendingStarts = new ArrayList<>();

  public Simulator(Vertx vertx, AgentPipelineConfig config, ScenarioCatalog catalog, EventSink sink, ProviderFactory factory) {
    this.vertx = vertx;
    this.config = config;
    this.catalog = catalog;
    this.sink = sink;
    this.factory = factory;
    long seed = config.simulatorSeed() != 0 ? config.simulatorSeed() : System.nanoTime();
    this.random = new Random(seed);
    // session ids must stay unique across restarts even with a fixed seed
    this.runId = Long.toString(System.currentTimeMillis(), 36);
  }

  public void start() {
    LOG.atInfo().setMessage("simulator starting").addKeyValue("calls", config.simulatorCalls())
        .addKeyValue("speed", config.simulatorSpeed()).addKeyValue("rate", config.simulatorRate())
        .addKeyValue("scenarios", catalog.scenarios().size()).log();
    for (long offset : LaunchSchedule.initialOffsets(config.simulatorCalls(), config.simulatorStaggerMs(),
        config.simulatorSpeed(), config.simulatorRate(), random)) {
      if (offset == 0) {
        launchIfAllowed();
        continue;
      }
      long[] timer = new long[1];
      timer[0] = vertx.setTimer(offset, id -> {
        pendingStarts.remove(Long.valueOf(timer[0]));
        launchIfAllowed();
      });
      pendingStarts.add(timer[0]);
    }
    ticker = vertx.setPeriodic(TICK_MS, id -> topUp());
  }

  /** Stops starting calls and ends the running ones. */
  public void stop() {
    if (ticker >= 0) {
      vertx.cancelTimer(ticker);
      ticker = -1;
    }
    pendingStarts.forEach(vertx::cancelTimer);
    pendingStarts.clear();
    new ArrayList<>(active.values()).forEach(SimulatedCall::stop);
  }

  private void topUp() {
    budget = Math.min(Math.max(1, config.simulatorRate()), budget + config.simulatorRate() * TICK_MS / 1000.0);
    while (active.size() + pendingStarts.size() < config.simulatorCalls() && budget >= 1 && mayStart()) {
      budget -= 1;
      launch();
    }
  }

  private boolean mayStart() {
    return config.simulatorMaxCalls() == 0 || started < config.simulatorMaxCalls();
  }

  private void launchIfAllowed() {
    if (mayStart() && active.size() < config.simulatorCalls()) {
      launch();
    }
  }

  private void launch() {
    long n = ++started;
    String room = config.simulatorRoomPrefix() + "-" + n;
    String sessionId = "s-" + runId + "-" + n + "-" + Integer.toString(random.nextInt(1 << 20), 36);
    Scenario scenario = catalog.pick(random);
    double pace = LaunchSchedule.pace(random);
    SimulatedCall call = new SimulatedCall(vertx, scenario, room, sessionId, new Random(random.nextLong()),
        config.simulatorSpeed() * pace, sink, factory);
    active.put(room, call);
    call.run().onComplete(ar -> {
      active.remove(room);
      ended++;
      endReasons.merge(ar.succeeded() ? ar.result() : "failed", 1L, Long::sum);
    });
  }

  public int activeCalls() {
    return active.size();
  }

  public JsonObject stats() {
    JsonObject reasons = new JsonObject();
    endReasons.forEach(reasons::put);
    return new JsonObject().put("active", active.size()).put("started", started).put("ended", ended).put("end_reasons", reasons);
  }
}
