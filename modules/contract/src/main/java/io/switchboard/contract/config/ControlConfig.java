package io.switchboard.contract.config;

import java.util.Map;

/**
 * Settings of the control verticle.
 *
 * @param redisUrl live-state Redis (takeover holder, presence)
 * @param liveKit server and credentials; when not configured the actions drive the simulator
 * @param transferTargets language → SIP transfer target ({@code transfer.targets.en=tel:+1…})
 * @param liveKitTimeoutMs timeout of one LiveKit API call
 */
public record ControlConfig(
    String redisUrl, LiveKitSettings liveKit, Map<String, String> transferTargets, int liveKitTimeoutMs) {
  public static final String TRANSFER_TARGETS = "transfer.targets";

  public static ControlConfig from(Settings s) {
    return new ControlConfig(
        s.string(CommonKeys.REDIS_URL, null),
        LiveKitSettings.from(s),
        s.map(TRANSFER_TARGETS),
        s.integer("livekit.timeout.ms", 5000, 100, 60_000));
  }
}
