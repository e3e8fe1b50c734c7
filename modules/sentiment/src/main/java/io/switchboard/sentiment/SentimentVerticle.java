package io.switchboard.sentiment;

import io.switchboard.contract.VerticleName;
import io.switchboard.contract.config.CommonKeys;
import io.switchboard.contract.config.Settings;
import io.switchboard.contract.health.HealthResponder;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Per-utterance and call-level sentiment, escalation detection. */
public final class SentimentVerticle extends VerticleBase {
  @Override
  public Future<?> start() {
    Settings settings = Settings.of(config());
    return HealthResponder.register(vertx, VerticleName.SENTIMENT, settings.string(CommonKeys.NODE_ID, "local"));
  }
}
