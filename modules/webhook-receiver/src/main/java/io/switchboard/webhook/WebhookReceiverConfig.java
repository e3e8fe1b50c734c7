package io.switchboard.webhook;

import io.switchboard.platform.config.CommonKeys;
import io.switchboard.platform.config.LiveKitSettings;
import io.switchboard.platform.config.Settings;

/**
 * Settings of the webhook-receiver verticle.
 *
 * @param redisUrl live-state Redis (webhook de-duplication)
 * @param liveKit server and credentials (webhook signature check, reconciler's ListRooms)
 * @param reconcileSeconds reconciler period ({@code reconcile.period.s}, default 30; 0 disables)
 * @param reconcileGraceMs calls younger than this are never reconciled ({@code reconcile.grace.ms},
 *     default 10000: an agent may post call_started a moment before LiveKit lists the room)
 */
public record WebhookReceiverConfig(String redisUrl, LiveKitSettings liveKit, int reconcileSeconds, int reconcileGraceMs) {
  public static final String RECONCILE_PERIOD = "reconcile.period.s";
  public static final String RECONCILE_GRACE = "reconcile.grace.ms";

  public static WebhookReceiverConfig from(Settings s) {
    return new WebhookReceiverConfig(
        s.string(CommonKeys.REDIS_URL, null),
        LiveKitSettings.from(s),
        s.integer(RECONCILE_PERIOD, 30, 0, 86_400),
        s.integer(RECONCILE_GRACE, 10_000, 0, 3_600_000));
  }
}
