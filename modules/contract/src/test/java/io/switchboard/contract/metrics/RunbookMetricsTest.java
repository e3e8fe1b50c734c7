package io.switchboard.contract.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/operations.md documents every metric of {@link MetricNames}; ALL lists every constant. */
class RunbookMetricsTest {
  private static final Path RUNBOOK = Path.of("../../docs/operations.md").toAbsolutePath().normalize();

  static List<String> undocumented(String doc, List<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (!doc.contains("`" + MetricNames.prometheus(n))) {
        out.add(MetricNames.prometheus(n));
      }
    }
    return out;
  }

  @Test
  void everyMetricIsInTheRunbook() throws Exception {
    String doc = Files.readString(RUNBOOK);
    assertEquals(List.of(), undocumented(doc, MetricNames.ALL));
    assertTrue(doc.contains("`vertx_eventbus_pending`"));
    assertEquals(List.of("switchboard_made_up"), undocumented(doc, List.of("switchboard.made.up", MetricNames.INGEST_EVENTS)));
  }

  @Test
  void allListsEveryConstant() throws Exception {
    List<String> constants = new ArrayList<>();
    for (Field f : MetricNames.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        constants.add((String) f.get(null));
      }
    }
    assertEquals(constants.size(), MetricNames.ALL.size());
    assertTrue(MetricNames.ALL.containsAll(constants));
  }
}
