package io.switchboard.agent.sim;

import io.switchboard.agent.AgentPipelineVerticle;
import io.switchboard.contract.Addresses;
import io.switchboard.agent.AgentPipelineConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stand-alone load generator: runs the simulator in its own Vert.x with a counting stand-in for
 * ingest and prints calls and events per second. It measures the agent side alone; to load the
 * whole system run the launcher with {@code simulator.calls=5000} instead.
 *
 * <pre>java -cp … io.switchboard.agent.sim.LoadMain --calls 5000 --speed 1 --seconds 60 [--rate 200] [--seed 1]</pre>
 */
public final class LoadMain {
  private LoadMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> opts = parse(args);
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "60"));
    JsonObject config = new JsonObject()
        .put(AgentPipelineConfig.SIMULATOR_ENABLED, true)
        .put(AgentPipelineConfig.SIMULATOR_CALLS, opts.getOrDefault("calls", "100"))
        .put(AgentPipelineConfig.SIMULATOR_SPEED, opts.getOrDefault("speed", "1"))
        .put(AgentPipelineConfig.SIMULATOR_RATE, opts.getOrDefault("rate", "200"))
        .put(AgentPipelineConfig.SIMULATOR_SEED, opts.getOrDefault("seed", "0"))
        .put(AgentPipelineConfig.INGEST_MAX_INFLIGHT, opts.getOrDefault("max-inflight", "100000"));
    Vertx vertx = Vertx.vertx();
    AtomicLong events = new AtomicLong();
    AtomicLong started = new AtomicLong();
    AtomicLong ended = new AtomicLong();
    vertx.eventBus().<JsonObject>consumer(Addresses.INGEST_CALL_EVENT, msg -> {
      events.incrementAndGet();
      String type = msg.body().getString("event_type");
      if ("call_started".equals(type)) {
        started.incrementAndGet();
      } else if ("call_ended".equals(type)) {
        ended.incrementAndGet();
      }
      msg.reply(new JsonObject().put("ok", true));
    });
    vertx.deployVerticle(new AgentPipelineVerticle(), new DeploymentOptions().setConfig(config))
        .toCompletionStage().toCompletableFuture().join();
    long[] last = {0};
    vertx.setPeriodic(5_000, id -> {
      long e = events.get();
      System.out.printf("active=%d started=%d ended=%d events/s=%.0f%n", started.get() - ended.get(), started.get(),
          ended.get(), (e - last[0]) / 5.0);
      last[0] = e;
    });
    CountDownLatch latch = new CountDownLatch(1);
    vertx.setTimer(seconds * 1000L, id -> vertx.close().onComplete(ar -> latch.countDown()));
    latch.await();
    System.out.printf("total events=%d calls started=%d ended=%d%n", events.get(), started.get(), ended.get());
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      out.put(args[i].substring(2), args[i + 1]);
    }
    return out;
  }
}
