package io.switchboard.agent;

import io.switchboard.agent.events.BusEventSink;
import io.switchboard.agent.sim.DemoHistory;
import io.switchboard.agent.sim.DemoHistorySeeder;
import io.switchboard.agent.sim.ScenarioCatalog;
import io.switchboard.agent.sim.Simulator;
import io.switchboard.contract.VerticleName;
import io.switchboard.platform.config.NodeIdentity;
import io.switchboard.platform.config.Settings;
import io.switchboard.contract.health.HealthReply;
import io.switchboard.platform.health.HealthResponder;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.util.Random;

/**
 * Java voice-agent runtime and the call simulator. With {@code simulator.enabled} it keeps
 * {@code simulator.calls} synthetic calls running, each a real {@link
 * io.switchboard.agent.runtime.CallSession} obeying {@code agent.<room>.control}, and with
 * {@code simulator.history.days} it fills an empty archive with generated demo history.
 */
public final class AgentPipelineVerticle extends VerticleBase {
  private WebClient client;
  private BusEventSink sink;
  private Simulator simulator;

  @Override
  public Future<?> start() {
    Settings settings = Settings.of(config());
    AgentPipelineConfig cfg = AgentPipelineConfig.from(settings);
    String node = NodeIdentity.of(vertx, settings);
    client = WebClient.create(vertx);
    sink = new BusEventSink(vertx, cfg.ingestTimeoutMs(), cfg.ingestMaxInFlight());
    Future<?> health = HealthResponder.register(vertx, VerticleName.AGENT_PIPELINE, node,
        () -> Future.succeededFuture(new HealthReply(VerticleName.AGENT_PIPELINE.id(), node, true, details())));
    if (!cfg.simulatorEnabled() || cfg.simulatorCalls() == 0) {
      return health;
    }
    String dir = settings.string(AgentPipelineConfig.SIMULATOR_SCENARIO_DIR, ScenarioCatalog.DEFAULT_DIR);
    return health
        .compose(v -> ScenarioCatalog.load(vertx, dir, cfg.simulatorScenarios()))
        .onSuccess(catalog -> {
          if (cfg.historyDays() > 0) {
            // demo history for an empty archive, in the background: start-up never waits for analytics
            new DemoHistorySeeder(vertx).seedIfEmpty(() -> DemoHistory.generate(catalog, Instant.now(), cfg.historyDays(),
                cfg.historyCallsPerDay(), new Random(cfg.simulatorSeed() != 0 ? cfg.simulatorSeed() : System.nanoTime())));
          }
          simulator = new Simulator(vertx, cfg, catalog, sink, new ProviderFactory(cfg, client));
          simulator.start();
        });
  }

  @Override
  public Future<?> stop() {
    if (simulator != null) {
      simulator.stop();
    }
    if (client != null) {
      client.close();
    }
    return Future.succeededFuture();
  }

  private JsonObject details() {
    JsonObject d = new JsonObject().put("events_sent", sink.sent()).put("events_dropped", sink.dropped())
        .put("events_failed", sink.failed()).put("events_in_flight", sink.inFlight());
    if (simulator != null) {
      d.put("simulator", simulator.stats());
    }
    return d;
  }
}
