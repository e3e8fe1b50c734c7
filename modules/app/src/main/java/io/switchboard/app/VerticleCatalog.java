package io.switchboard.app;

import io.switchboard.agent.AgentPipelineConfig;
import io.switchboard.agent.AgentPipelineVerticle;
import io.switchboard.agent.AgentProviderSettings;
import io.switchboard.analytics.AnalyticsConfig;
import io.switchboard.analytics.AnalyticsVerticle;
import io.switchboard.contract.VerticleName;
import io.switchboard.control.ControlConfig;
import io.switchboard.control.ControlVerticle;
import io.switchboard.debouncer.DebouncerConfig;
import io.switchboard.debouncer.DebouncerVerticle;
import io.switchboard.gateway.AuthConfig;
import io.switchboard.gateway.GatewayConfig;
import io.switchboard.gateway.GatewayVerticle;
import io.switchboard.ingest.IngestConfig;
import io.switchboard.ingest.IngestVerticle;
import io.switchboard.platform.config.CommonKeys;
import io.switchboard.platform.config.LiveKitSettings;
import io.switchboard.platform.config.Settings;
import io.switchboard.rules.RulesConfig;
import io.switchboard.rules.RulesVerticle;
import io.switchboard.sentiment.SentimentConfig;
import io.switchboard.sentiment.SentimentVerticle;
import io.switchboard.webhook.WebhookReceiverConfig;
import io.switchboard.webhook.WebhookReceiverVerticle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which class implements each verticle kind, how its module checks its settings, and which shared
 * stores it needs. The launcher depends on every verticle module (it deploys them); the verticle
 * modules never depend on each other (ModuleBoundariesTest).
 */
final class VerticleCatalog {
  private VerticleCatalog() {}

  /** Deployment order: stores' consumers first, the HTTP edge last (it advertises readiness). */
  static final List<VerticleName> ORDER =
      List.of(
          VerticleName.ANALYTICS,
          VerticleName.RULES,
          VerticleName.SENTIMENT,
          VerticleName.INGEST,
          VerticleName.DEBOUNCER,
          VerticleName.WEBHOOK_RECEIVER,
          VerticleName.CONTROL,
          VerticleName.AGENT_PIPELINE,
          VerticleName.GATEWAY);

  private static final Set<VerticleName> NEEDS_REDIS =
      EnumSet.of(VerticleName.INGEST, VerticleName.DEBOUNCER, VerticleName.WEBHOOK_RECEIVER, VerticleName.CONTROL);
  private static final Set<VerticleName> NEEDS_MONGO = EnumSet.of(VerticleName.ANALYTICS, VerticleName.RULES);

  /**
   * One verticle kind as its own module defines it: the verticle class, its config record's parser
   * (the record lives beside the verticle and throws ConfigException on a malformed setting) and
   * the classes whose String constants are its setting keys.
   */
  record Entry(Class<?> verticle, Function<Settings, ?> config, List<Class<?>> settingKeys) {}

  private static final Map<VerticleName, Entry> ENTRIES = entries();

  /** Setting keys every verticle module may read, declared in platform. */
  static final List<Class<?>> SHARED_SETTING_KEYS = List.of(CommonKeys.class, LiveKitSettings.class);

  private static Map<VerticleName, Entry> entries() {
    Map<VerticleName, Entry> m = new EnumMap<>(VerticleName.class);
    m.put(VerticleName.GATEWAY, new Entry(GatewayVerticle.class, GatewayConfig::from, List.of(GatewayConfig.class, AuthConfig.class)));
    m.put(VerticleName.INGEST, new Entry(IngestVerticle.class, IngestConfig::from, List.of(IngestConfig.class)));
    m.put(
        VerticleName.WEBHOOK_RECEIVER,
        new Entry(WebhookReceiverVerticle.class, WebhookReceiverConfig::from, List.of(WebhookReceiverConfig.class)));
    m.put(VerticleName.DEBOUNCER, new Entry(DebouncerVerticle.class, DebouncerConfig::from, List.of(DebouncerConfig.class)));
    m.put(VerticleName.SENTIMENT, new Entry(SentimentVerticle.class, SentimentConfig::from, List.of(SentimentConfig.class)));
    m.put(VerticleName.CONTROL, new Entry(ControlVerticle.class, ControlConfig::from, List.of(ControlConfig.class)));
    m.put(
        VerticleName.AGENT_PIPELINE,
        new Entry(
            AgentPipelineVerticle.class, AgentPipelineConfig::from, List.of(AgentPipelineConfig.class, AgentProviderSettings.class)));
    m.put(VerticleName.ANALYTICS, new Entry(AnalyticsVerticle.class, AnalyticsConfig::from, List.of(AnalyticsConfig.class)));
    m.put(VerticleName.RULES, new Entry(RulesVerticle.class, RulesConfig::from, List.of(RulesConfig.class)));
    if (m.size() != VerticleName.values().length) {
      throw new IllegalStateException("a verticle kind has no catalog entry");
    }
    return Map.copyOf(m);
  }

  static Entry entry(VerticleName name) {
    return ENTRIES.get(name);
  }

  static String className(VerticleName name) {
    return entry(name).verticle().getName();
  }

  /**
   * Asks each selected verticle's module to parse its settings; a malformed setting throws
   * ConfigException before anything is deployed. Returns the parsed records by verticle.
   */
  static Map<VerticleName, Object> validateConfig(Set<VerticleName> selected, Settings s) {
    Map<VerticleName, Object> out = new EnumMap<>(VerticleName.class);
    for (VerticleName name : selected) {
      out.put(name, entry(name).config().apply(s));
    }
    return out;
  }

  /** Every class declaring setting keys: each verticle module's and platform's shared ones. */
  static List<Class<?>> settingKeyClasses() {
    List<Class<?>> out = new ArrayList<>(SHARED_SETTING_KEYS);
    for (VerticleName name : VerticleName.values()) {
      out.addAll(entry(name).settingKeys());
    }
    return out;
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
