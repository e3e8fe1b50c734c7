package io.switchboard.app;

import io.switchboard.agent.AgentPipelineVerticle;
import io.switchboard.analytics.AnalyticsVerticle;
import io.switchboard.contract.VerticleName;
import io.switchboard.control.ControlVerticle;
import io.switchboard.debouncer.DebouncerVerticle;
import io.switchboard.gateway.GatewayVerticle;
import io.switchboard.ingest.IngestVerticle;
import io.switchboard.sentiment.SentimentVerticle;
import io.switchboard.webhook.WebhookReceiverVerticle;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Which class implements each verticle kind and which shared stores it needs. */
final class VerticleCatalog {
  private VerticleCatalog() {}

  /** Deployment order: stores' consumers first, the HTTP edge last (it advertises readiness). */
  static final List<VerticleName> ORDER =
      List.of(
          VerticleName.ANALYTICS,
          VerticleName.SENTIMENT,
          VerticleName.INGEST,
          VerticleName.DEBOUNCER,
          VerticleName.WEBHOOK_RECEIVER,
          VerticleName.CONTROL,
          VerticleName.AGENT_PIPELINE,
          VerticleName.GATEWAY);

  private static final Set<VerticleName> NEEDS_REDIS =
      EnumSet.of(VerticleName.INGEST, VerticleName.DEBOUNCER, VerticleName.WEBHOOK_RECEIVER, VerticleName.CONTROL);
  private static final Set<VerticleName> NEEDS_MONGO = EnumSet.of(VerticleName.ANALYTICS);

  static String className(VerticleName name) {
    return switch (name) {
      case GATEWAY -> GatewayVerticle.class.getName();
      case INGEST -> IngestVerticle.class.getName();
      case WEBHOOK_RECEIVER -> WebhookReceiverVerticle.class.getName();
      case DEBOUNCER -> DebouncerVerticle.class.getName();
      case SENTIMENT -> SentimentVerticle.class.getName();
      case CONTROL -> ControlVerticle.class.getName();
      case AGENT_PIPELINE -> AgentPipelineVerticle.class.getName();
      case ANALYTICS -> AnalyticsVerticle.class.getName();
    };
  }

  /** Parses each selected verticle's config record; a malformed setting throws ConfigException. */
  static void validateConfig(Set<VerticleName> selected, io.switchboard.contract.config.Settings s) {
    for (VerticleName name : selected) {
      switch (name) {
        case GATEWAY -> io.switchboard.contract.config.GatewayConfig.from(s);
        case INGEST -> io.switchboard.contract.config.IngestConfig.from(s);
        case WEBHOOK_RECEIVER -> io.switchboard.contract.config.WebhookReceiverConfig.from(s);
        case DEBOUNCER -> io.switchboard.contract.config.DebouncerConfig.from(s);
        case SENTIMENT -> io.switchboard.contract.config.SentimentConfig.from(s);
        case CONTROL -> io.switchboard.contract.config.ControlConfig.from(s);
        case AGENT_PIPELINE -> io.switchboard.contract.config.AgentPipelineConfig.from(s);
        case ANALYTICS -> io.switchboard.contract.config.AnalyticsConfig.from(s);
      }
    }
  }

  static boolean needsRedis(Set<VerticleName> selected) {
    return selected.stream().anyMatch(NEEDS_REDIS::contains);
  }

  static boolean needsMongo(Set<VerticleName> selected) {
    return selected.stream().anyMatch(NEEDS_MONGO::contains);
  }

  /** Parses {@code all} or a comma list; unknown names are a start-up error naming the choices. */
  static Set<VerticleName> parse(List<String> ids) {
    if (ids.isEmpty() || ids.contains("all")) {
      return EnumSet.allOf(VerticleName.class);
    }
    Set<VerticleName> out = new LinkedHashSet<>();
    for (String id : ids) {
      out.add(
          VerticleName.byId(id)
              .orElseThrow(
                  () ->
                      new StartupException(
                          "unknown verticle '" + id + "' (known: all, " + String.join(", ", VerticleName.ids()) + ")")));
    }
    return out;
  }

  static String describe(Set<VerticleName> selected) {
    return ORDER.stream().filter(selected::contains).map(VerticleName::id).collect(Collectors.joining(","));
  }
}
