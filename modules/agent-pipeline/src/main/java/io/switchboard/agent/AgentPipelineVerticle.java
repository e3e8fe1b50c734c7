package io.switchboard.agent;

import io.switchboard.contract.VerticleName;
import io.switchboard.contract.config.CommonKeys;
import io.switchboard.contract.config.Settings;
import io.switchboard.contract.health.HealthResponder;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Java voice-agent runtime and the call simulator. */
public final class AgentPipelineVerticle extends VerticleBase {
  @Override
  public Future<?> start() {
    Settings settings = Settings.of(config());
    return HealthResponder.register(vertx, VerticleName.AGENT_PIPELINE, settings.string(CommonKeys.NODE_ID, "local"));
  }
}
