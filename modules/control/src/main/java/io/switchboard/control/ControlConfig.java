package io.switchboard.control;

import io.switchboard.platform.config.CommonKeys;
import io.switchboard.platform.config.LiveKitSettings;
import io.switchboard.platform.config.Settings;

import java.util.Map;

/**
 * Settings of the control verticle.
 *
 * @param redisUrl live-state Redis (takeover holder, presence)
 * @param liveKit server and credentials; when not configured the actions drive the simulator
 * @param transferTargets language → SIP transfer target ({@code transfer.targets.en=tel:+1…})
 * @param liveKitTimeoutMs timeout of one LiveKit API call
 * @param guideRateMax guide messages one supervisor may send to one room per window
 * @param guideRateWindowMs length of that window
 * @param transferDialtone whether the SIP transfer plays a dial tone to the caller meanwhile
 */
public record ControlConfig(
    String redisUrl,
    LiveKitSettings liveKit,
    Map<String, String> transferTargets,
    int liveKitTimeoutMs,
    int guideRateMax,
    int guideRateWindowMs,
    boolean transferDialtone) {
  public static final String TRANSFER_TARGETS = "transfer.targets";
  public static final String LIVEKIT_TIMEOUT_MS = "livekit.timeout.ms";
  public static final String GUIDE_RATE_MAX = "guide.rate.max";
  public static final String GUIDE_RATE_WINDOW_MS = "guide.rate.window.ms";
  public static final String TRANSFER_DIALTONE = "transfer.dialtone";

  public static final int DEFAULT_GUIDE_RATE_MAX = 3;
  public static final int DEFAULT_GUIDE_RATE_WINDOW_MS = 10_000;

  /** The original four settings; rate limit and dial tone take their defaults. */
  public ControlConfig(String redisUrl, LiveKitSettings liveKit, Map<String, String> transferTargets, int liveKitTimeoutMs) {
    this(redisUrl, liveKit, transferTargets, liveKitTimeoutMs, DEFAULT_GUIDE_RATE_MAX, DEFAULT_GUIDE_RATE_WINDOW_MS, false);
  }

  public static ControlConfig from(Settings s) {
    return new ControlConfig(
        s.string(CommonKeys.REDIS_URL, null),
        LiveKitSettings.from(s),
        s.map(TRANSFER_TARGETS),
        s.integer(LIVEKIT_TIMEOUT_MS, 5000, 100, 60_000),
        s.integer(GUIDE_RATE_MAX, DEFAULT_GUIDE_RATE_MAX, 1, 1000),
        s.integer(GUIDE_RATE_WINDOW_MS, DEFAULT_GUIDE_RATE_WINDOW_MS, 100, 3_600_000),
        s.bool(TRANSFER_DIALTONE, false));
  }
}
