package io.switchboard.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@code --quick}, {@code --out DIR}, {@code --name value} options of every benchmark main. */
final class Args {
  final boolean quick;
  final Path out;
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    boolean q = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--quick")) {
        q = true;
      } else if (a.startsWith("--") && i + 1 < args.length) {
        values.put(a.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    quick = q;
    out = Path.of(values.getOrDefault("out", "bench/results"));
  }

  int integer(String name, int full, int quickValue) {
    String v = values.get(name);
    return v != null ? Integer.parseInt(v) : quick ? quickValue : full;
  }

  String string(String name, String def) {
    return values.getOrDefault(name, def);
  }
}
