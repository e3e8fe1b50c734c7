package io.switchboard.app;

import io.switchboard.contract.VerticleName;
import io.switchboard.gateway.GatewayVerticle;
import io.switchboard.platform.config.CommonKeys;
import io.switchboard.platform.config.ConfigException;
import io.switchboard.platform.config.NodeIdentity;
import io.switchboard.platform.config.Settings;
import io.switchboard.platform.bus.ContractCodecs;
import io.switchboard.platform.bus.SharedJsonCodec;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.File;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Switchboard node: embedded stores (when needed), a Vert.x instance (standalone or
 * clustered) and the selected verticles. Start-up runs on the calling thread (never an event loop)
 * and fails with a {@link StartupException} that says what to fix.
 */
final class SwitchboardNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SwitchboardNode.class);
  /** Local shared map where the gateway publishes the port it actually bound. */

  private final List<AutoCloseable> embedded = new ArrayList<>();
  private Vertx vertx;
  private Set<VerticleName> selected;
  private int httpPort = -1;
  private int metricsPort = -1;
  private String redisUrl;
  private String mongoUrl;
  private EmbeddedRedis embeddedRedis;

  static SwitchboardNode start(Settings settings) {
    SwitchboardNode node = new SwitchboardNode();
    try {
      node.boot(settings);
      return node;
    } catch (Throwable e) {
      node.close();
      throw e;
    }
  }

  private void boot(Settings input) {
    JsonObject config = input.asJson();
    Settings settings;
    try {
      selected = VerticleCatalog.parse(input.list(LauncherKeys.VERTICLES, List.of("all")));
      boolean clustered = input.bool(LauncherKeys.CLUSTER, false);
      // every selected verticle's typed config is parsed now, before anything is started
      VerticleCatalog.validateConfig(selected, input);
      settings = new Settings(config);
      provideRedis(settings, config, clustered);
      provideMongo(settings, config, clustered);
      settings = new Settings(config);
      Map<VerticleName, Integer> instances = InstanceCounts.parse(settings.string(LauncherKeys.INSTANCES, "1"), selected);

      vertx = clustered ? clusteredVertx(settings) : Vertx.builder().with(vertxOptions(settings)).build();
      SharedJsonCodec.register(vertx.eventBus()); // before any verticle, so remote deltas decode on every node
      ContractCodecs.register(vertx.eventBus()); // likewise for records sent as records
      config.put(CommonKeys.NODE_ID, nodeId(clustered));
      NodeIdentity.record(vertx, config.getString(CommonKeys.NODE_ID));
      boolean ha = settings.bool(LauncherKeys.HA, false);
      for (VerticleName name : VerticleCatalog.ORDER) {
        if (selected.contains(name)) {
          deploy(name, config, instances.get(name), ha);
        }
      }
      metricsPort = MetricsSetup.serve(vertx, settings);
    } catch (ConfigException e) {
      throw new StartupException(e.getMessage());
    }
    Object port = vertx.sharedData().getLocalMap(GatewayVerticle.NODE_MAP).get("http.port");
    httpPort = port instanceof Integer p ? p : -1;
    LOG.atInfo()
        .addKeyValue("verticles", VerticleCatalog.describe(selected))
        .addKeyValue("node", config.getString(CommonKeys.NODE_ID))
        .addKeyValue("clustered", vertx.isClustered())
        .addKeyValue("httpPort", httpPort)
        .log("node started");
  }

  private void provideRedis(Settings s, JsonObject config, boolean clustered) {
    if (!VerticleCatalog.needsRedis(selected) && !selected.contains(VerticleName.GATEWAY)) {
      return;
    }
    if (s.has(CommonKeys.REDIS_URL)) {
      redisUrl = s.string(CommonKeys.REDIS_URL, null);
      if (VerticleCatalog.needsRedis(selected)) {
        probeRedis(redisUrl);
      }
      return;
    }
    if (clustered) {
      if (VerticleCatalog.needsRedis(selected)) {
        throw new StartupException("a clustered node running " + VerticleCatalog.describe(selected)
            + " needs a shared Redis: set REDIS_URL");
      }
      return;
    }
    EmbeddedRedis redis =
        EmbeddedRedis.start(s.integer(LauncherKeys.EMBEDDED_REDIS_PORT, 0, 0, 65535), new File(s.string(LauncherKeys.DATA_DIR, "data")));
    embeddedRedis = redis;
    embedded.add(redis);
    redisUrl = redis.url();
    config.put(CommonKeys.REDIS_URL, redisUrl);
    LOG.atInfo().addKeyValue("url", redisUrl).log("embedded Redis started");
  }

  private void provideMongo(Settings s, JsonObject config, boolean clustered) {
    if (!VerticleCatalog.needsMongo(selected) && !selected.contains(VerticleName.GATEWAY)) {
      return;
    }
    if (s.has(CommonKeys.MONGO_URL)) {
      mongoUrl = s.string(CommonKeys.MONGO_URL, null);
      return;
    }
    if (clustered) {
      if (VerticleCatalog.needsMongo(selected)) {
        throw new StartupException("a clustered node running analytics needs a shared MongoDB: set MONGO_URL");
      }
      return;
    }
    EmbeddedMongo mongo = EmbeddedMongo.start(s.string(LauncherKeys.MONGO_EMBEDDED, "file"), new File(s.string(LauncherKeys.DATA_DIR, "data")));
    embedded.add(mongo);
    mongoUrl = mongo.url();
    config.put(CommonKeys.MONGO_URL, mongoUrl);
    LOG.atInfo().addKeyValue("url", mongoUrl).log("embedded MongoDB-protocol server started");
  }

  /** Fails fast when the configured Redis cannot be reached (refused at once; 10 s bound for a hang, as a loaded 2-core box needs more than 3 s for a fresh client); at run time outages only degrade. */
  private static void probeRedis(String url) {
    Vertx probe = Vertx.vertx();
    Redis client = Redis.createClient(probe, new RedisOptions().setConnectionString(url));
    try {
      RedisAPI.api(client)
          .ping(List.of())
          // a cold JVM on a busy 2-core box needs more than 3 s for its first connection
          .timeout(10, TimeUnit.SECONDS)
          .await();
    } catch (Exception e) {
      throw new StartupException("Redis at " + url + " is unreachable: " + ConfigLoader.rootMessage(e));
    } finally {
      client.close();
      probe.close();
    }
  }

  private static VertxOptions vertxOptions(Settings s) {
    VertxOptions options = new VertxOptions();
    // one event loop per core, not Vert.x's 2 × cores: an event crosses several verticles, and with
    // more loops than cores each hand-off is more often a wake-up and a context switch
    // (docs/operations.md#event-loops)
    options.setEventLoopPoolSize(s.integer(LauncherKeys.EVENT_LOOPS, Runtime.getRuntime().availableProcessors(), 1, 256));
    MetricsSetup.apply(options, s);
    if (s.bool(LauncherKeys.HA, false)) {
      options.setHAEnabled(true).setHAGroup(s.string(LauncherKeys.HA_GROUP, "switchboard"));
    }
    return options;
  }

  private static Vertx clusteredVertx(Settings s) {
    HazelcastClusterManager cm = ClusterSetup.clusterManager(s);
    VertxOptions options = vertxOptions(s);
    String host = s.string(LauncherKeys.CLUSTER_HOST, "127.0.0.1");
    options.getEventBusOptions().setHost(s.string(LauncherKeys.EVENTBUS_HOST, host)).setPort(s.integer(LauncherKeys.EVENTBUS_PORT, 0, 0, 65535));
    s.optString(LauncherKeys.EVENTBUS_PUBLIC_HOST).ifPresent(options.getEventBusOptions()::setClusterPublicHost);
    try {
      return Vertx.builder().with(options).withClusterManager(cm).buildClustered().await();
    } catch (Exception e) {
      throw new StartupException("cannot join the cluster on " + host + ": " + ConfigLoader.rootMessage(e));
    }
  }

  private String nodeId(boolean clustered) {
    if (clustered) {
      return ((io.vertx.core.internal.VertxInternal) vertx).clusterManager().getNodeId();
    }
    return "node-" + ProcessHandle.current().pid();
  }

  private void deploy(VerticleName name, JsonObject config, int instances, boolean ha) {
    DeploymentOptions options = new DeploymentOptions().setConfig(config).setInstances(instances).setHa(ha);
    try {
      vertx.deployVerticle("java:" + VerticleCatalog.className(name), options).await();
    } catch (Exception | LinkageError e) {
      throw new StartupException(explainDeployFailure(name, config, e));
    }
  }

  private static String explainDeployFailure(VerticleName name, JsonObject config, Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof BindException) {
        break;
      }
      root = root.getCause();
    }
    if (root instanceof BindException) {
      Object port = config.getValue("http.port", 8080);
      return "cannot start " + name.id() + ": HTTP port " + port + " is already in use (choose another with --http-port or SWITCHBOARD_HTTP_PORT)";
    }
    if (root instanceof ConfigException) {
      return root.getMessage();
    }
    return "cannot start " + name.id() + ": " + ConfigLoader.rootMessage(e);
  }

  int httpPort() {
    return httpPort;
  }

  int metricsPort() {
    return metricsPort;
  }

  Vertx vertx() {
    return vertx;
  }

  String redisUrl() {
    return redisUrl;
  }

  String mongoUrl() {
    return mongoUrl;
  }

  /** The supervised embedded Redis, or null when REDIS_URL points elsewhere. */
  EmbeddedRedis embeddedRedis() {
    return embeddedRedis;
  }

  /** Undeploys every verticle, leaves the cluster, then stops embedded servers. */
  @Override
  public void close() {
    if (vertx != null) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.atWarn().addKeyValue("error", e.toString()).log("vert.x did not close cleanly");
      }
      vertx = null;
    }
    for (int i = embedded.size() - 1; i >= 0; i--) {
      try {
        embedded.get(i).close();
      } catch (Exception e) {
        LOG.atWarn().addKeyValue("error", e.toString()).log("embedded service did not stop cleanly");
      }
    }
    embedded.clear();
  }
}
