package io.switchboard.app;

import io.switchboard.contract.VerticleName;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** {@code instances}: one number for every verticle, or {@code name=n,...} (others get 1). */
final class InstanceCounts {
  private InstanceCounts() {}

  static Map<VerticleName, Integer> parse(String spec, Set<VerticleName> selected) {
    Map<VerticleName, Integer> out = new EnumMap<>(VerticleName.class);
    selected.forEach(v -> out.put(v, 1));
    String trimmed = spec == null ? "" : spec.trim();
    if (trimmed.isEmpty()) {
      return out;
    }
    if (!trimmed.contains("=")) {
      int n = count(trimmed, "instances");
      selected.forEach(v -> out.put(v, n));
      return out;
    }
    for (String pair : trimmed.split(",")) {
      String[] kv = pair.split("=", 2);
      String id = kv[0].trim();
      VerticleName name =
          VerticleName.byId(id).orElseThrow(() -> new StartupException("setting instances: unknown verticle '" + id + "'"));
      if (kv.length != 2) {
        throw new StartupException("setting instances: expected name=count, got '" + pair + "'");
      }
      out.put(name, count(kv[1].trim(), "instances of " + id));
    }
    return out;
  }

  private static int count(String text, String what) {
    try {
      int n = Integer.parseInt(text);
      if (n < 1 || n > 64) {
        throw new StartupException("setting " + what + ": " + n + " is outside 1..64");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new StartupException("setting " + what + ": expected a whole number, got '" + text + "'");
    }
  }
}
