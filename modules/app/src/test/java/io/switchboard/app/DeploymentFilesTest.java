package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.VerticleName;
import io.switchboard.gateway.AuthConfig;
import io.switchboard.platform.config.ConfigKeys;
import io.switchboard.control.ControlConfig;
import io.switchboard.ingest.IngestConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yml, docker/.env.example and docker/Dockerfile agree with what the launcher
 * reads: every SWITCHBOARD_* (and alias) variable is a real setting, every node's verticles
 * exist, the nodes form one cluster, the image runs as non-root with a health check. No Docker
 * engine is needed; {@code docker compose config} runs only where the compose plugin exists.
 */
class DeploymentFilesTest {
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final Path COMPOSE = ROOT.resolve("docker/compose.yml");
  private static final Path ENV_EXAMPLE = ROOT.resolve("docker/.env.example");
  private static final Path DOCKERFILE = ROOT.resolve("docker/Dockerfile");
  private static final List<String> NODES = List.of("edge", "core", "workers");
  /** Variables read outside the settings map (logback, ConfigLoader). */
  private static final Set<String> NON_SETTING_VARS = Set.of("SWITCHBOARD_LOG_LEVEL", "SWITCHBOARD_CONFIG");
  /** Settings whose key is a prefix of a map: {@code agent.keys.<agent>}. */
  private static final List<String> MAP_KEYS = List.of(IngestConfig.AGENT_KEYS, AuthConfig.USERS, ControlConfig.TRANSFER_TARGETS);

  /** Every key the launcher and the verticles read: config-record constants plus launcher keys. */
  static Set<String> knownKeys() throws Exception {
    Set<String> keys = new TreeSet<>(LauncherKeys.ALL);
    for (Class<?> c : VerticleCatalog.settingKeyClasses()) {
      for (Field field : c.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class && !field.getName().endsWith("_DEFAULT")) {
          keys.add((String) field.get(null));
        }
      }
    }
    for (String provider : List.of("llm", "stt", "tts")) {
      for (String leaf : List.of("provider", "url", "key", "model", "voice", "timeout.ms")) {
        keys.add("agent." + provider + "." + leaf);
      }
    }
    assertTrue(keys.contains("http.port") && keys.contains("redis.url") && keys.contains("simulator.room.prefix") && keys.contains("cluster.members"), keys.toString());
    return keys;
  }

  /** The problem with an environment variable name, or null when the launcher reads it. */
  static String problem(String envName, Set<String> known) {
    if (NON_SETTING_VARS.contains(envName)) {
      return null;
    }
    String key = ConfigKeys.keyOfEnv(envName);
    if (key == null) {
      return null; // not ours (e.g. JAVA_OPTS): the launcher never sees it as a setting
    }
    if (known.contains(key) || MAP_KEYS.stream().anyMatch(m -> key.startsWith(m + ".") && key.length() > m.length() + 1)) {
      return null;
    }
    return envName + " → " + key + " is not a setting the launcher reads";
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> compose() throws Exception {
    return new Yaml().load(Files.readString(COMPOSE));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> service(Map<String, Object> compose, String name) {
    return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> out = new LinkedHashMap<>();
    Object env = service.get("environment");
    if (env instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    } else if (env instanceof List<?> l) {
      for (Object o : l) {
        String s = String.valueOf(o);
        int eq = s.indexOf('=');
        out.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<String> command(Map<String, Object> service) {
    Object c = service.get("command");
    return c instanceof List<?> l ? (List<String>) l : List.of(String.valueOf(c).split("\\s+"));
  }

  @Test
  void everyNodeVariableIsASettingTheLauncherReads() throws Exception {
    Set<String> known = knownKeys();
    Map<String, Object> compose = compose();
    List<String> problems = new ArrayList<>();
    for (String node : NODES) {
      Map<String, String> env = environment(service(compose, node));
      assertTrue(env.containsKey("REDIS_URL") && env.containsKey("SWITCHBOARD_CLUSTER"), node + " environment: " + env.keySet());
      for (String name : env.keySet()) {
        String p = problem(name, known);
        if (p != null) {
          problems.add(node + ": " + p);
        }
      }
    }
    for (String line : Files.readAllLines(ENV_EXAMPLE)) {
      String l = line.strip().replaceFirst("^#(?=SWITCHBOARD_)", "");
      if (!l.isEmpty() && !l.startsWith("#") && l.contains("=")) {
        String p = problem(l.substring(0, l.indexOf('=')), known);
        if (p != null) {
          problems.add(".env.example: " + p);
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void checkerRejectsAMisspelledVariable() throws Exception {
    Set<String> known = knownKeys();
    assertEquals(null, problem("SWITCHBOARD_HTTP_PORT", known));
    assertEquals(null, problem("LIVEKIT_API_SECRET", known));
    assertEquals(null, problem("SWITCHBOARD_AGENT_KEYS_DEMO", known));
    assertEquals(null, problem("SWITCHBOARD_METRICS_PORT", known));
    assertEquals("SWITCHBOARD_HTTP_PROT → http.prot is not a setting the launcher reads", problem("SWITCHBOARD_HTTP_PROT", known));
    assertEquals(null, problem("SWITCHBOARD_AGENT_KEYS", known), "agent.keys=a=1,b=2 is a setting too");
    assertTrue(problem("SWITCHBOARD_AGENT_KEY_DEMO", known) != null, "agent.key.demo is not under agent.keys");
  }

  @Test
  void everyVariableTheComposeFileInterpolatesIsInTheEnvExample() throws Exception {
    String env = Files.readString(ENV_EXAMPLE);
    Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?][^}]*)?}").matcher(Files.readString(COMPOSE));
    Set<String> missing = new TreeSet<>();
    while (m.find()) {
      boolean hasDefault = m.group(2) != null && m.group(2).contains("-");
      if (!hasDefault && !Pattern.compile("(?m)^" + m.group(1) + "=").matcher(env).find()) {
        missing.add(m.group(1));
      }
    }
    assertEquals(Set.of(), missing);
  }

  @Test
  void threeNodesCoverEveryVerticleAndListEachOtherAsClusterMembers() throws Exception {
    Map<String, Object> compose = compose();
    Set<VerticleName> all = EnumSet.noneOf(VerticleName.class);
    Map<String, Set<VerticleName>> byNode = new LinkedHashMap<>();
    for (String node : NODES) {
      List<String> cmd = command(service(compose, node));
      int i = cmd.indexOf("--verticles");
      assertTrue(i >= 0 && i + 1 < cmd.size(), node + " names its verticles: " + cmd);
      Set<VerticleName> v = VerticleCatalog.parse(List.of(cmd.get(i + 1).split(","))); // throws on an unknown name
      byNode.put(node, v);
      all.addAll(v);
      Map<String, String> env = environment(service(compose, node));
      assertEquals("true", env.get("SWITCHBOARD_CLUSTER"), node);
      Set<String> members = new LinkedHashSet<>();
      for (String member : env.get("SWITCHBOARD_CLUSTER_MEMBERS").split(",")) {
        members.add(member.strip().replaceFirst(":\\d+$", ""));
      }
      assertEquals(new LinkedHashSet<>(NODES), members, node + " cluster members");
    }
    assertEquals(EnumSet.of(VerticleName.GATEWAY), byNode.get("edge"));
    assertEquals(EnumSet.of(VerticleName.INGEST, VerticleName.DEBOUNCER, VerticleName.WEBHOOK_RECEIVER), byNode.get("core"));
    assertEquals(EnumSet.of(VerticleName.SENTIMENT, VerticleName.ANALYTICS, VerticleName.RULES, VerticleName.CONTROL, VerticleName.AGENT_PIPELINE), byNode.get("workers"));
    assertEquals(EnumSet.allOf(VerticleName.class), all, "every verticle runs somewhere");
    assertTrue(command(service(compose, "workers")).contains("--simulator"));
  }

  @Test
  void dependenciesAreConfiguredAsTheRunbookRequires() throws Exception {
    Map<String, Object> compose = compose();
    List<String> redis = command(service(compose, "redis"));
    assertEquals(io.switchboard.contract.live.RedisKeys.KEYSPACE_EVENTS, redis.get(redis.indexOf("--notify-keyspace-events") + 1));
    assertEquals("noeviction", redis.get(redis.indexOf("--maxmemory-policy") + 1));
    String liveKitConfig = environment(service(compose, "livekit")).get("LIVEKIT_CONFIG");
    assertTrue(liveKitConfig.contains("http://edge:8080/livekit/webhook"), liveKitConfig);
    assertTrue(command(service(compose, "livekit")).contains("--dev"));
    assertTrue(liveKitConfig.contains("enable_remote_unmute: true"), "hand-back needs remote unmute: " + liveKitConfig);
    // the same LiveKit release as scripts/livekit and the real-server suite
    String goMod = java.nio.file.Files.readString(ROOT.resolve("tools/livekit-server/go.mod"));
    String version = goMod.replaceAll("(?s).*require github.com/livekit/livekit-server (v[0-9.]+).*", "$1");
    assertEquals("livekit/livekit-server:" + version, String.valueOf(service(compose, "livekit").get("image")));
    assertTrue(String.valueOf(service(compose, "mongo").get("image")).matches("mongo:(\\d+).*"));
    int mongoMajor = Integer.parseInt(String.valueOf(service(compose, "mongo").get("image")).replaceAll("mongo:(\\d+).*", "$1"));
    assertTrue(mongoMajor >= 5, "MongoDB 5+");
  }

  @Test
  void dockerfileRunsAsNonRootWithAHealthCheckOnHealth() throws Exception {
    List<String> lines = Files.readAllLines(DOCKERFILE);
    String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
    String name = user.substring(5).strip().split(":")[0];
    assertTrue(!name.equals("root") && !name.equals("0"), "the last USER is not root: " + user);
    String text = Files.readString(DOCKERFILE);
    assertTrue(text.contains("HEALTHCHECK") && text.contains("/health"), "HEALTHCHECK on /health");
    assertTrue(text.contains("modules/app/target/switchboard.jar"), "the launcher's fat jar");
    assertTrue(text.contains("SWITCHBOARD_WEBROOT"), "the built dashboard is served");
    assertTrue(Pattern.compile("(?m)^FROM node:20").matcher(text).find(), "dashboard built with Node 20");
    assertTrue(Files.isExecutable(ROOT.resolve("docker/entrypoint.sh")), "entrypoint is executable");
  }

  @Test
  void dockerComposeAcceptsTheFileWhereTheCliExists() throws Exception {
    Assumptions.assumeTrue(run(List.of("docker", "compose", "version"), Map.of()) == 0, "no docker CLI with the compose plugin here");
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(ENV_EXAMPLE)) {
      if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
        env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    assertEquals(0, run(List.of("docker", "compose", "-f", COMPOSE.toString(), "config", "--quiet"), env));
  }

  private static int run(List<String> cmd, Map<String, String> env) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (Exception e) {
      return -1;
    }
  }
}
