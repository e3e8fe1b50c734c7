package io.switchboard.agent;

import io.switchboard.platform.config.ConfigException;
import io.switchboard.platform.config.Settings;

import java.util.List;

/**
 * Settings of the agent-pipeline verticle.
 *
 * @param simulatorEnabled run synthetic calls ({@code simulator.enabled}; on in the embedded demo)
 * @param simulatorCalls concurrent synthetic calls ({@code simulator.calls})
 * @param simulatorSpeed time scale of scripted timings, 1.0 = realistic ({@code simulator.speed})
 * @param simulatorSeed random seed; 0 = a fresh seed per start ({@code simulator.seed})
 * @param simulatorRate most calls started per second, so N calls ramp up instead of starting in
 *     one burst ({@code simulator.rate})
 * @param simulatorMaxCalls stop starting calls after this many; 0 = run forever ({@code simulator.max.calls})
 * @param simulatorScenarios scenario ids to use; empty = all ({@code simulator.scenarios})
 * @param simulatorRoomPrefix rooms are {@code <prefix>-<n>}; give each node its own prefix in a
 *     cluster ({@code simulator.room.prefix})
 * @param simulatorStaggerMs the first calls start spread over this many (nominal) ms, or over
 *     {@code calls / rate} seconds when that is longer, so they never speak in lock-step
 *     ({@code simulator.stagger.ms})
 * @param historyDays days of generated demo history the simulator (when enabled) sends to the
 *     archive on start when it is empty; 0 = none ({@code simulator.history.days}; 6 in scripts/run)
 * @param historyCallsPerDay calls per day of that history ({@code simulator.history.calls.per.day})
 * @param ingestTimeoutMs timeout of one fire-and-forget event request ({@code agent.ingest.timeout.ms})
 * @param ingestMaxInFlight events awaiting an ingest reply before new ones are dropped
 *     ({@code agent.ingest.max.inflight})
 * @param llm language model provider ({@code agent.llm.*})
 * @param stt speech-to-text provider ({@code agent.stt.*})
 * @param tts text-to-speech provider ({@code agent.tts.*})
 */
public record AgentPipelineConfig(
    boolean simulatorEnabled,
    int simulatorCalls,
    double simulatorSpeed,
    long simulatorSeed,
    double simulatorRate,
    int simulatorMaxCalls,
    List<String> simulatorScenarios,
    String simulatorRoomPrefix,
    long simulatorStaggerMs,
    int historyDays,
    int historyCallsPerDay,
    int ingestTimeoutMs,
    int ingestMaxInFlight,
    AgentProviderSettings llm,
    AgentProviderSettings stt,
    AgentProviderSettings tts) {
  public static final String SIMULATOR_ENABLED = "simulator.enabled";
  public static final String SIMULATOR_CALLS = "simulator.calls";
  public static final String SIMULATOR_SPEED = "simulator.speed";
  public static final String SIMULATOR_SEED = "simulator.seed";
  public static final String SIMULATOR_RATE = "simulator.rate";
  public static final String SIMULATOR_MAX_CALLS = "simulator.max.calls";
  public static final String SIMULATOR_SCENARIOS = "simulator.scenarios";
  public static final String SIMULATOR_ROOM_PREFIX = "simulator.room.prefix";
  public static final String SIMULATOR_STAGGER_MS = "simulator.stagger.ms";
  public static final String SIMULATOR_HISTORY_DAYS = "simulator.history.days";
  public static final String SIMULATOR_HISTORY_CALLS_PER_DAY = "simulator.history.calls.per.day";
  /** Directory (or classpath folder) with {@code index.json} and scenario files; default {@code scenarios}. */
  public static final String SIMULATOR_SCENARIO_DIR = "simulator.scenario.dir";
  public static final String INGEST_TIMEOUT_MS = "agent.ingest.timeout.ms";
  public static final String INGEST_MAX_INFLIGHT = "agent.ingest.max.inflight";

  /** The original three-setting form, kept for existing callers; everything else defaults. */
  public AgentPipelineConfig(boolean simulatorEnabled, int simulatorCalls, double simulatorSpeed) {
    this(from(new Settings(new io.vertx.core.json.JsonObject()
        .put(SIMULATOR_ENABLED, simulatorEnabled)
        .put(SIMULATOR_CALLS, simulatorCalls)
        .put(SIMULATOR_SPEED, simulatorSpeed))));
  }

  private AgentPipelineConfig(AgentPipelineConfig c) {
    this(c.simulatorEnabled, c.simulatorCalls, c.simulatorSpeed, c.simulatorSeed, c.simulatorRate,
        c.simulatorMaxCalls, c.simulatorScenarios, c.simulatorRoomPrefix, c.simulatorStaggerMs,
        c.historyDays, c.historyCallsPerDay, c.ingestTimeoutMs,
        c.ingestMaxInFlight, c.llm, c.stt, c.tts);
  }

  public static AgentPipelineConfig from(Settings s) {
    double speed = decimal(s, SIMULATOR_SPEED, 1.0);
    if (speed <= 0) {
      throw new ConfigException("setting " + SIMULATOR_SPEED + ": must be > 0");
    }
    double rate = decimal(s, SIMULATOR_RATE, 50.0);
    if (rate <= 0) {
      throw new ConfigException("setting " + SIMULATOR_RATE + ": must be > 0");
    }
    long seed;
    try {
      seed = Long.parseLong(s.string(SIMULATOR_SEED, "0"));
    } catch (NumberFormatException e) {
      throw new ConfigException("setting " + SIMULATOR_SEED + ": expected a whole number");
    }
    return new AgentPipelineConfig(
        s.bool(SIMULATOR_ENABLED, false),
        s.integer(SIMULATOR_CALLS, 8, 0, 100_000),
        speed,
        seed,
        rate,
        s.integer(SIMULATOR_MAX_CALLS, 0, 0, Integer.MAX_VALUE),
        s.list(SIMULATOR_SCENARIOS, List.of()),
        s.string(SIMULATOR_ROOM_PREFIX, "sim"),
        s.integer(SIMULATOR_STAGGER_MS, 12_000, 0, 3_600_000),
        s.integer(SIMULATOR_HISTORY_DAYS, 0, 0, 60),
        s.integer(SIMULATOR_HISTORY_CALLS_PER_DAY, 32, 1, 2_000),
        s.integer(INGEST_TIMEOUT_MS, 2_000, 10, 60_000),
        s.integer(INGEST_MAX_INFLIGHT, 4_096, 1, 1_000_000),
        AgentProviderSettings.from(s, "llm", "gpt-4o-mini"),
        AgentProviderSettings.from(s, "stt", "whisper-1"),
        AgentProviderSettings.from(s, "tts", "tts-1"));
  }

  private static double decimal(Settings s, String key, double def) {
    try {
      return Double.parseDouble(s.string(key, String.valueOf(def)));
    } catch (NumberFormatException e) {
      throw new ConfigException("setting " + key + ": expected a number");
    }
  }
}
