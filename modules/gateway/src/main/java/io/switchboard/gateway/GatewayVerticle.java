package io.switchboard.gateway;

import io.switchboard.contract.VerticleName;
import io.switchboard.platform.auth.AgentKeys;
import io.switchboard.platform.config.NodeIdentity;
import io.switchboard.platform.config.Settings;
import io.switchboard.platform.health.HealthResponder;
import io.switchboard.redaction.LiveRedaction;
import io.switchboard.redaction.RedactionConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge: maps HTTP requests to event-bus requests, serves the dashboard, and bridges the
 * bus to browsers over SockJS. It holds no call state of its own.
 */
public final class GatewayVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayVerticle.class);

  /** Local shared map of per-node facts (read by the launcher). */
  public static final String NODE_MAP = NodeIdentity.LOCAL_MAP;

  private GatewayHealth health;
  private HttpServer server;
  private AgentBridge agents;
  private RoomWatchers watchers;
  private Router router;

  @Override
  public Future<?> start() {
    Settings settings = Settings.of(config());
    GatewayConfig cfg = GatewayConfig.from(settings);
    String node = NodeIdentity.of(vertx, settings);
    health = new GatewayHealth(vertx, cfg);

    // password hashing (demo accounts, decoy) runs on a worker before the routes exist
    LiveRedaction redaction = new LiveRedaction(RedactionConfig.from(settings));
    return UserDirectory.load(vertx, cfg.auth()).compose(users -> serve(cfg, node, users, redaction));
  }

  private Future<?> serve(GatewayConfig cfg, String node, UserDirectory users, LiveRedaction redaction) {
    router = Router.router(vertx);
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(health.checks()));
    router.get("/metrics").handler(GatewayMetrics.scrape());
    HttpToBus bus = new HttpToBus(vertx);
    Tokens tokens = new Tokens(vertx, cfg.auth());
    if (users.isEmpty()) {
      LOG.atWarn().log("no supervisor accounts configured: nobody can log in (set auth.users.* or auth.demo.users)");
    }
    if (cfg.auth().jwtSecret() == null) {
      LOG.atWarn().log("auth.jwt.secret not set: using a random secret, tokens end with this process");
    }
    new AgentRoutes(bus, cfg.bodyLimitBytes()).mount(router);
    new AuthRoutes(users, tokens).mount(router);
    new ApiRoutes(tokens, bus).mount(router);
    watchers = new RoomWatchers(vertx, cfg.watchRefresh().toMillis());
    watchers.start();
    EventBusBridge bridge = new EventBusBridge(vertx, tokens, new Presence(vertx), watchers, redaction);
    router.route("/eventbus/*").subRouter(bridge.router());
    router.route("/*").handler(webroot(cfg));
    HttpErrors.install(router);

    server = vertx.createHttpServer(new HttpServerOptions().setHost(cfg.httpHost()).setPort(cfg.httpPort()))
        .invalidRequestHandler(HttpErrors::invalidRequest);
    return HealthResponder.register(vertx, VerticleName.GATEWAY, node)
        .compose(c -> bridge.ready())
        .compose(c -> startAgentBridge(cfg))
        .compose(c -> server.requestHandler(router).listen())
        .onSuccess(
            s -> {
              // the launcher reads the bound port from here (http.port=0 picks a free one)
              vertx.sharedData().getLocalMap(NODE_MAP).put("http.port", s.actualPort());
              LOG.atInfo()
                    .addKeyValue("port", s.actualPort())
                    .addKeyValue("node", node)
                    .log("gateway listening");
            });
  }

  private Future<?> startAgentBridge(GatewayConfig cfg) {
    if (cfg.tcpBridgePort() < 0) {
      return Future.succeededFuture();
    }
    agents = new AgentBridge(vertx, new AgentKeys(cfg.agentKeys()), cfg.bridgeObservers());
    return agents.listen(cfg.httpHost(), cfg.tcpBridgePort())
        .onSuccess(v -> LOG.atInfo().addKeyValue("port", cfg.tcpBridgePort()).log("agent TCP bridge listening"));
  }

  /** The route table (docs/openapi.yaml is checked against it). */
  Router router() {
    return router;
  }

  @Override
  public Future<?> stop() {
    if (watchers != null) {
      watchers.stop();
    }
    Future<Void> closing = server == null ? Future.succeededFuture() : server.close();
    if (agents != null) {
      closing = closing.eventually(agents::close);
    }
    return closing.eventually(() -> health == null ? Future.succeededFuture() : health.close());
  }

  /** The built dashboard from a directory when configured, else the copy packed in the jar. */
  private static StaticHandler webroot(GatewayConfig cfg) {
    if (cfg.webroot() != null) {
      return StaticHandler.create(io.vertx.ext.web.handler.FileSystemAccess.ROOT, cfg.webroot()).setCachingEnabled(false);
    }
    return StaticHandler.create("webroot");
  }
}
