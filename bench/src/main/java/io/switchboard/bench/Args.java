package io.switchboard.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line of a bench main: {@code --name value} options and valueless {@code --flag}s
 * ({@code --quick} always is one), read by name with the main's own default. One parser for every
 * main, so each states its knobs and defaults instead of writing its own {@code switch} loop.
 *
 * <p>For example (SoakMain):
 *
 * <pre>{@code
 * Args args = new Args(argv).only("minutes", "calls", "rate", "lifetime-s", "sample-s", "ended-ttl-s", "out");
 * int minutes = args.integer("minutes", 30);
 * double rate = args.decimal("rate", 0.2);
 * Path out = args.out;   // --out, default bench/results
 * }</pre>
 *
 * {@link #only} keeps a hand-written loop's "unknown argument" refusal; without it any
 * {@code --name value} is accepted and names no main reads are ignored. A main with its own
 * valueless flags names them in the constructor ({@code new Args(argv, "ci")}).
 */
public final class Args {
  /** {@code --quick}: the short run of a benchmark. */
  public final boolean quick;
  /** {@code --out DIR}, default {@code bench/results}. */
  public final Path out;
  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flagsGiven = new HashSet<>();

  /**
   * @param argv the main's arguments
   * @param flags names (without {@code --}) that take no value, besides {@code quick}
   */
  public Args(String[] argv, String... flags) {
    Set<String> valueless = new HashSet<>(Arrays.asList(flags));
    valueless.add("quick");
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      String name = a.startsWith("--") ? a.substring(2) : null;
      if (name != null && valueless.contains(name)) {
        flagsGiven.add(name);
      } else if (name != null && i + 1 < argv.length) {
        values.put(name, argv[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    quick = flagsGiven.contains("quick");
    out = Path.of(values.getOrDefault("out", "bench/results"));
  }

  /** Refuses any option or flag given but not named here ({@code quick} and {@code out} included only when named). */
  public Args only(String... names) {
    Set<String> known = new HashSet<>(Arrays.asList(names));
    for (String given : given()) {
      if (!known.contains(given)) {
        throw new IllegalArgumentException("unknown argument --" + given);
      }
    }
    return this;
  }

  private Set<String> given() {
    Set<String> all = new HashSet<>(values.keySet());
    all.addAll(flagsGiven);
    return all;
  }

  /** Whether {@code --name} was given (an option with a value or a flag). */
  public boolean has(String name) {
    return values.containsKey(name) || flagsGiven.contains(name);
  }

  /** Whether the valueless flag {@code --name} was given. */
  public boolean flag(String name) {
    return flagsGiven.contains(name);
  }

  public int integer(String name, int def) {
    String v = values.get(name);
    return v != null ? Integer.parseInt(v) : def;
  }

  /** {@code --name N}, else {@code quickValue} under {@code --quick} and {@code full} otherwise. */
  public int integer(String name, int full, int quickValue) {
    return integer(name, quick ? quickValue : full);
  }

  public double decimal(String name, double def) {
    String v = values.get(name);
    return v != null ? Double.parseDouble(v) : def;
  }

  public String string(String name, String def) {
    return values.getOrDefault(name, def);
  }

  /** {@code --name PATH}; {@code def} may be null for "not given". */
  public Path path(String name, Path def) {
    String v = values.get(name);
    return v != null ? Path.of(v) : def;
  }

  /** {@code --name a,b,c}. */
  public List<String> list(String name, List<String> def) {
    String v = values.get(name);
    return v != null ? List.of(v.split(",")) : def;
  }
}
