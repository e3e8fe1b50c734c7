package io.switchboard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench mains' one command-line parser: options by name with the main's default, flags, refusals. */
class ArgsTest {
  @Test
  void optionsAreReadByNameAndFallBackToTheMainsDefault() {
    Args a = new Args(new String[] {"--calls", "40", "--rate", "0.5", "--only", "mongo,cluster", "--readme", "README.md"});
    assertEquals(40, a.integer("calls", 200));
    assertEquals(0.5, a.decimal("rate", 1.0));
    assertEquals(List.of("mongo", "cluster"), a.list("only", List.of("all")));
    assertEquals(Path.of("README.md"), a.path("readme", null));
    assertEquals(7, a.integer("dashboards", 7));
    assertEquals(List.of("all"), a.list("scenarios", List.of("all")));
    assertNull(a.path("missing", null));
    assertEquals(Path.of("bench/results"), a.out);
    assertFalse(a.quick);
  }

  @Test
  void quickPicksTheQuickDefaultUnlessTheOptionIsGiven() {
    Args a = new Args(new String[] {"--quick", "--seconds", "9"});
    assertTrue(a.quick);
    assertEquals(3, a.integer("warmup", 10, 3));
    assertEquals(9, a.integer("seconds", 15, 8));
    assertEquals(10, new Args(new String[0]).integer("warmup", 10, 3));
  }

  @Test
  void namedFlagsTakeNoValue() {
    Args a = new Args(new String[] {"--ci", "--calls", "5"}, "ci");
    assertTrue(a.flag("ci"));
    assertTrue(a.has("ci"));
    assertEquals(5, a.integer("calls", 200));
    assertFalse(new Args(new String[] {"--calls", "5"}, "ci").flag("ci"));
  }

  @Test
  void onlyRefusesNamesTheMainDoesNotRead() {
    String[] argv = {"--calls", "5", "--cals", "6"};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Args(argv).only("calls", "out"));
    assertEquals("unknown argument --cals", e.getMessage());
    assertEquals(5, new Args(new String[] {"--calls", "5"}).only("calls").integer("calls", 0));
    assertThrows(IllegalArgumentException.class, () -> new Args(new String[] {"--quick"}).only("calls"));
  }

  @Test
  void aBareWordOrAnOptionWithoutItsValueIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Args(new String[] {"calls"}));
    assertThrows(IllegalArgumentException.class, () -> new Args(new String[] {"--calls"}));
  }
}
