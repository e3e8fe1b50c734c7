package io.switchboard.gateway;

import io.switchboard.platform.config.CommonKeys;
import io.switchboard.platform.config.ConfigException;
import io.switchboard.platform.config.Settings;

import io.switchboard.contract.VerticleName;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the gateway verticle.
 *
 * @param httpHost interface to bind ({@code http.host}, default 0.0.0.0)
 * @param httpPort port ({@code http.port}, default 8080; 0 picks a free port)
 * @param webroot directory with the built dashboard ({@code webroot}); null serves the classpath
 *     {@code webroot/}
 * @param bodyLimitBytes largest accepted request body ({@code http.body.limit}, default 64 KiB)
 * @param healthExpect verticles /health expects to reach on the bus ({@code health.expect}, default
 *     all)
 * @param healthTimeout how long one health probe may take ({@code health.timeout.ms})
 * @param redisUrl Redis to probe in /health (null: not checked)
 * @param mongoUrl MongoDB to probe in /health (null: not checked)
 * @param mongoDb database name
 * @param tcpBridgePort TCP event-bus bridge for external agents ({@code tcp.bridge.port}; -1 = off,
 *     the default; 0 = any free port)
 * @param auth supervisor authentication
 * @param agentKeys agent API keys (TCP bridge agents authenticate with them)
 * @param bridgeObservers agents (names in {@code agent.keys}) that are room observers
 *     ({@code tcp.bridge.observers}): on the TCP bridge they may also ask control for observer
 *     tokens and live rooms ({@code observer.token}, {@code observer.rooms}) and receive
 *     {@code calls.active}
 * @param watchRefresh how often the bridge announces the rooms its sockets watch to the debouncers
 *     ({@code watch.refresh.ms}, default 5 s; a room is watched for three times this from each
 *     announcement: docs/architecture.md#watched-rooms)
 */
public record GatewayConfig(
    String httpHost,
    int httpPort,
    String webroot,
    int bodyLimitBytes,
    List<VerticleName> healthExpect,
    Duration healthTimeout,
    String redisUrl,
    String mongoUrl,
    String mongoDb,
    int tcpBridgePort,
    AuthConfig auth,
    java.util.Map<String, String> agentKeys,
    List<String> bridgeObservers,
    Duration watchRefresh) {

  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";
  public static final String WEBROOT = "webroot";
  public static final String BODY_LIMIT = "http.body.limit";
  public static final String HEALTH_EXPECT = "health.expect";
  public static final String HEALTH_TIMEOUT = "health.timeout.ms";
  public static final int DEFAULT_PORT = 8080;
  public static final String TCP_BRIDGE_PORT = "tcp.bridge.port";
  public static final String TCP_BRIDGE_OBSERVERS = "tcp.bridge.observers";
  public static final String WATCH_REFRESH = "watch.refresh.ms";

  public static GatewayConfig from(Settings s) {
    List<String> expect = s.list(HEALTH_EXPECT, VerticleName.ids());
    return new GatewayConfig(
        s.string(HTTP_HOST, "0.0.0.0"),
        s.integer(HTTP_PORT, DEFAULT_PORT, 0, 65535),
        s.string(WEBROOT, null),
        s.integer(BODY_LIMIT, 64 * 1024, 1024, 16 * 1024 * 1024),
        expect.stream()
            .map(
                id ->
                    VerticleName.byId(id)
                        .orElseThrow(
                            () -> new ConfigException("setting " + HEALTH_EXPECT + ": unknown verticle '" + id + "'")))
            .toList(),
        s.millis(HEALTH_TIMEOUT, Duration.ofMillis(1500)),
        s.string(CommonKeys.REDIS_URL, null),
        s.string(CommonKeys.MONGO_URL, null),
        s.string(CommonKeys.MONGO_DB, CommonKeys.MONGO_DB_DEFAULT),
        s.integer(TCP_BRIDGE_PORT, -1, -1, 65535),
        AuthConfig.from(s),
        s.map(CommonKeys.AGENT_KEYS),
        s.list(TCP_BRIDGE_OBSERVERS, List.of()),
        Duration.ofMillis(s.integer(WATCH_REFRESH, 5_000, 10, 3_600_000)));
  }
}
