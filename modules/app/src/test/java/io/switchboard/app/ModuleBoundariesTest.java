package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.VerticleName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Verticles talk only over the event bus: no verticle module may depend on (or import) another
 * verticle module. Only {@code contract}, {@code platform} (the shared runtime), the plain libraries
 * in {@link #LIBRARIES} and {@code testkit} (in test scope) are shared. {@code contract} is the bus's vocabulary only: it depends on nothing heavier
 * than vertx-core's JSON (and vertx-json-schema for its schemas), and holds no config record; each
 * verticle's config record lives in that verticle's module.
 */
class ModuleBoundariesTest {
  private static final Path MODULES = Path.of("..").toAbsolutePath().normalize();
  /** Plain libraries (no verticle, no bus consumer) any verticle module may depend on. */
  private static final Set<String> LIBRARIES = Set.of("contract", "platform", "redaction");
  private static final Set<String> SHARED = Set.of("contract", "platform", "redaction", "testkit");
  /** Artifacts contract may depend on: JSON and JSON Schema, nothing that runs. */
  private static final Set<String> CONTRACT_ALLOWED = Set.of("vertx-core", "vertx-json-schema");
  /** Runtime families that must stay out of contract (platform holds them). */
  private static final Pattern HEAVY = Pattern.compile("redis|micrometer|auth|mongo|livekit|jwt|web");
  private static final Pattern HEAVY_IMPORT =
      Pattern.compile("import\\s+(static\\s+)?(io\\.vertx\\.redis|io\\.micrometer|io\\.vertx\\.micrometer|io\\.vertx\\.ext\\.auth|io\\.vertx\\.ext\\.web|io\\.switchboard\\.platform|org\\.slf4j)\\.");
  private static final Pattern ANY_DEPENDENCY =
      Pattern.compile("<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>", Pattern.DOTALL);
  /** A settings record: its own static {@code from(Settings …)}, or a {@code …Config} type. */
  private static final Pattern CONFIG_RECORD =
      Pattern.compile("static\\s+\\w+\\s+from\\s*\\(\\s*Settings\\b|\\b(record|class)\\s+\\w+Config\\b");
  /**
   * Settings records shared by several verticle modules, kept in a library on purpose: LiveKit's
   * (control, webhook-receiver) and redaction's (analytics, gateway), as module/file.
   */
  private static final Set<String> SHARED_SETTINGS = Set.of("platform/LiveKitSettings.java", "redaction/RedactionConfig.java");
  private static final Pattern DEPENDENCY =
      Pattern.compile("<dependency>\\s*<groupId>io\\.switchboard</groupId>\\s*<artifactId>([^<]+)</artifactId>(.*?)</dependency>", Pattern.DOTALL);

  /** io.switchboard artifacts a pom depends on, except the shared ones. */
  static List<String> forbiddenDependencies(String pom) {
    List<String> out = new ArrayList<>();
    Matcher m = DEPENDENCY.matcher(pom);
    while (m.find()) {
      String artifact = m.group(1).trim();
      boolean testkitInTestScope = artifact.equals("testkit") && m.group(2).contains("<scope>test</scope>");
      if (!LIBRARIES.contains(artifact) && !testkitInTestScope) {
        out.add(artifact);
      }
    }
    return out;
  }

  @Test
  void checkerRecognisesAForbiddenDependency() {
    String bad =
        "<dependency>\n <groupId>io.switchboard</groupId>\n <artifactId>ingest</artifactId>\n</dependency>"
            + "<dependency><groupId>io.switchboard</groupId><artifactId>contract</artifactId></dependency>"
            + "<dependency><groupId>io.switchboard</groupId><artifactId>redaction</artifactId></dependency>"
            + "<dependency><groupId>io.switchboard</groupId><artifactId>testkit</artifactId></dependency>";
    assertEquals(List.of("ingest", "testkit"), forbiddenDependencies(bad));
  }

  @Test
  void noVerticleModuleDependsOnAnother() throws IOException {
    for (String id : VerticleName.ids()) {
      Path pom = MODULES.resolve(id).resolve("pom.xml");
      assertTrue(Files.isRegularFile(pom), "module exists: " + pom);
      assertEquals(List.of(), forbiddenDependencies(Files.readString(pom)), id + " depends on another verticle module");
    }
  }

  @Test
  void noVerticleModuleImportsAnotherVerticlesPackage() throws IOException {
    List<String> packages = VerticleName.ids().stream().map(ModuleBoundariesTest::packageOf).toList();
    for (String id : VerticleName.ids()) {
      String own = packageOf(id);
      Path src = MODULES.resolve(id).resolve("src");
      try (Stream<Path> files = Files.walk(src)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          String text = Files.readString(f);
          for (String other : packages) {
            if (!other.equals(own)) {
              assertTrue(!text.contains(other + "."), f + " refers to " + other);
            }
          }
        }
      }
    }
  }

  private static String packageOf(String moduleId) {
    return switch (moduleId) {
      case "webhook-receiver" -> "io.switchboard.webhook";
      case "agent-pipeline" -> "io.switchboard.agent";
      default -> "io.switchboard." + moduleId;
    };
  }

  @Test
  void everyVerticleModuleIsInTheBuild() throws IOException {
    String parent = Files.readString(MODULES.resolve("..").resolve("pom.xml"));
    for (String id : VerticleName.ids()) {
      assertTrue(parent.contains("<module>modules/" + id + "</module>"), id);
    }
    assertTrue(SHARED.stream().allMatch(s -> parent.contains("<module>modules/" + s + "</module>")));
  }

  /** Dependencies of a contract pom beyond JSON: any not in CONTRACT_ALLOWED, or of a runtime family. */
  static List<String> heavyContractDependencies(String pom) {
    List<String> out = new ArrayList<>();
    Matcher m = ANY_DEPENDENCY.matcher(pom);
    while (m.find()) {
      String artifact = m.group(2).trim();
      // a test-scoped library (jqwik for a property test) never reaches contract's users
      int end = pom.indexOf("</dependency>", m.end());
      if (end > 0 && pom.substring(m.end(), end).contains("<scope>test</scope>")) {
        continue;
      }
      if (!CONTRACT_ALLOWED.contains(artifact) || HEAVY.matcher(artifact).find()) {
        out.add(artifact);
      }
    }
    return out;
  }

  /** Whether a contract source imports a runtime library (Redis, Micrometer, auth, web, platform, logging). */
  static boolean importsRuntime(String source) {
    return HEAVY_IMPORT.matcher(source).find();
  }

  /** Whether a main source of {@code module} declares a settings record that belongs to a verticle module. */
  static boolean misplacedConfigRecord(String module, String fileName, String source) {
    if (!CONFIG_RECORD.matcher(source).find()) {
      return false;
    }
    if (VerticleName.byId(module).isPresent()) {
      return false;
    }
    return !SHARED_SETTINGS.contains(module + "/" + fileName);
  }

  /** Whether a class was loaded from the build output of {@code modules/<module>}. */
  static boolean loadedFromModule(Class<?> c, String module) {
    try {
      Path where = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
      return where.startsWith(MODULES.resolve(module));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void checkersRecogniseAHeavyContractAndAMisplacedConfigRecord() {
    String badPom =
        "<dependency><groupId>io.vertx</groupId><artifactId>vertx-core</artifactId></dependency>"
            + "<dependency>\n <groupId>io.vertx</groupId>\n <artifactId>vertx-redis-client</artifactId>\n</dependency>"
            + "<dependency><groupId>io.vertx</groupId><artifactId>vertx-micrometer-metrics</artifactId></dependency>"
            + "<dependency><groupId>io.vertx</groupId><artifactId>vertx-auth-common</artifactId></dependency>"
            + "<dependency><groupId>io.vertx</groupId><artifactId>vertx-json-schema</artifactId></dependency>";
    assertEquals(List.of("vertx-redis-client", "vertx-micrometer-metrics", "vertx-auth-common"), heavyContractDependencies(badPom));
    assertEquals(List.of(), heavyContractDependencies("<dependency><groupId>net.jqwik</groupId><artifactId>jqwik</artifactId><scope>test</scope></dependency>"));
    assertEquals(List.of("jqwik"), heavyContractDependencies("<dependency><groupId>net.jqwik</groupId><artifactId>jqwik</artifactId></dependency>"));
    assertTrue(importsRuntime("package x;\nimport io.vertx.redis.client.Response;\n"));
    assertTrue(importsRuntime("import io.micrometer.core.instrument.Counter;"));
    assertTrue(importsRuntime("import io.switchboard.platform.config.Settings;"));
    assertFalse(importsRuntime("import io.vertx.core.json.JsonObject;\nimport io.switchboard.contract.Addresses;"));

    String record = "public record GatewayConfig(int port) {\n  public static GatewayConfig from(Settings s) { return null; }\n}";
    assertTrue(misplacedConfigRecord("contract", "GatewayConfig.java", record));
    assertTrue(misplacedConfigRecord("platform", "GatewayConfig.java", record));
    assertTrue(misplacedConfigRecord("app", "Tuning.java", "record Tuning(int n) { static Tuning from(Settings s) { return null; } }"));
    assertFalse(misplacedConfigRecord("gateway", "GatewayConfig.java", record));
    assertFalse(misplacedConfigRecord("platform", "LiveKitSettings.java", "record LiveKitSettings() { static LiveKitSettings from(Settings s) {} }"));
    assertFalse(misplacedConfigRecord("contract", "Addresses.java", "final class Addresses { static String call(String room) {} }"));

    assertTrue(loadedFromModule(io.switchboard.gateway.GatewayConfig.class, "gateway"));
    assertFalse(loadedFromModule(io.switchboard.gateway.GatewayConfig.class, "ingest"));
  }

  @Test
  void contractDependsOnNothingHeavierThanJson() throws IOException {
    Path contract = MODULES.resolve("contract");
    assertEquals(List.of(), heavyContractDependencies(Files.readString(contract.resolve("pom.xml"))), "contract/pom.xml");
    for (Path f : javaFiles(contract.resolve("src/main"))) {
      assertFalse(importsRuntime(Files.readString(f)), f + " imports a runtime library; it belongs in platform");
    }
  }

  @Test
  void noConfigRecordOutsideAVerticleModule() throws IOException {
    int modulesSeen = 0;
    try (Stream<Path> dirs = Files.list(MODULES)) {
      for (Path module : dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).toList()) {
        modulesSeen++;
        String id = module.getFileName().toString();
        for (Path f : javaFiles(module.resolve("src/main"))) {
          assertFalse(
              misplacedConfigRecord(id, f.getFileName().toString(), Files.readString(f)),
              f + " declares a config record outside a verticle module; move it beside its verticle");
        }
      }
    }
    assertTrue(modulesSeen >= VerticleName.ids().size() + 2, "modules scanned: " + modulesSeen);
  }

  @Test
  void eachVerticlesConfigRecordsLiveInItsOwnModule() {
    for (VerticleName name : VerticleName.values()) {
      VerticleCatalog.Entry entry = VerticleCatalog.entry(name);
      assertTrue(loadedFromModule(entry.verticle(), name.id()), entry.verticle() + " in " + name.id());
      assertFalse(entry.settingKeys().isEmpty(), name.id());
      for (Class<?> c : entry.settingKeys()) {
        assertTrue(loadedFromModule(c, name.id()), c.getName() + " is " + name.id() + "'s config but lives elsewhere");
      }
    }
    for (Class<?> c : VerticleCatalog.SHARED_SETTING_KEYS) {
      assertTrue(loadedFromModule(c, "platform"), c.getName());
    }
  }

  @Test
  void platformDependsOnNoVerticleModule() throws IOException {
    String pom = Files.readString(MODULES.resolve("platform").resolve("pom.xml"));
    assertEquals(List.of(), forbiddenDependencies(pom), "platform depends on a verticle module");
    List<String> packages = VerticleName.ids().stream().map(ModuleBoundariesTest::packageOf).toList();
    for (Path f : javaFiles(MODULES.resolve("platform").resolve("src"))) {
      String text = Files.readString(f);
      for (String p : packages) {
        assertFalse(text.contains(p + "."), f + " refers to " + p);
      }
    }
  }

  private static List<Path> javaFiles(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }
}
