package io.switchboard.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.contract.VerticleName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Verticles talk only over the event bus: no verticle module may depend on (or import) another
 * verticle module. Only {@code contract}, {@code platform} (the shared runtime) and {@code testkit} (in
 * test scope) are shared.
 */
class ModuleBoundariesTest {
  private static final Path MODULES = Path.of("..").toAbsolutePath().normalize();
  private static final Set<String> SHARED = Set.of("contract", "platform", "testkit");
  private static final Pattern DEPENDENCY =
      Pattern.compile("<dependency>\\s*<groupId>io\\.switchboard</groupId>\\s*<artifactId>([^<]+)</artifactId>(.*?)</dependency>", Pattern.DOTALL);

  /** io.switchboard artifacts a pom depends on, except the shared ones. */
  static List<String> forbiddenDependencies(String pom) {
    List<String> out = new ArrayList<>();
    Matcher m = DEPENDENCY.matcher(pom);
    while (m.find()) {
      String artifact = m.group(1).trim();
      boolean testkitInTestScope = artifact.equals("testkit") && m.group(2).contains("<scope>test</scope>");
      if (!artifact.equals("contract") && !artifact.equals("platform") && !testkitInTestScope) {
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
}
