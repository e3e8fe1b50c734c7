package io.switchboard.contract.config;

/**
 * Settings of the agent-pipeline verticle.
 *
 * @param simulatorEnabled run synthetic calls ({@code simulator.enabled}; on in the embedded demo)
 * @param simulatorCalls concurrent synthetic calls ({@code simulator.calls})
 * @param simulatorSpeed time scale of scripted timings, 1.0 = realistic ({@code simulator.speed})
 */
public record AgentPipelineConfig(boolean simulatorEnabled, int simulatorCalls, double simulatorSpeed) {
  public static final String SIMULATOR_ENABLED = "simulator.enabled";
  public static final String SIMULATOR_CALLS = "simulator.calls";
  public static final String SIMULATOR_SPEED = "simulator.speed";

  public static AgentPipelineConfig from(Settings s) {
    double speed;
    try {
      speed = Double.parseDouble(s.string(SIMULATOR_SPEED, "1.0"));
    } catch (NumberFormatException e) {
      throw new ConfigException("setting " + SIMULATOR_SPEED + ": expected a number");
    }
    return new AgentPipelineConfig(
        s.bool(SIMULATOR_ENABLED, false), s.integer(SIMULATOR_CALLS, 8, 0, 100_000), speed);
  }
}
