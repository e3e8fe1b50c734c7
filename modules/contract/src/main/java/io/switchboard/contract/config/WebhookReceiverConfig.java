package io.switchboard.contract.config;

/**
 * Settings of the webhook-receiver verticle.
 *
 * @param redisUrl live-state Redis (webhook de-duplication)
 * @param liveKit server and credentials (webhook signature check, reconciler's ListRooms)
 * @param reconcileSeconds reconciler period ({@code reconcile.period.s}, default 30; 0 disables)
 */
public record WebhookReceiverConfig(String redisUrl, LiveKitSettings liveKit, int reconcileSeconds) {
  public static final String RECONCILE_PERIOD = "reconcile.period.s";

  public static WebhookReceiverConfig from(Settings s) {
    return new WebhookReceiverConfig(
        s.string(CommonKeys.REDIS_URL, null),
        LiveKitSettings.from(s),
        s.integer(RECONCILE_PERIOD, 30, 0, 86_400));
  }
}
