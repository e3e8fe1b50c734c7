package io.switchboard.sentiment.escalation;

import io.switchboard.contract.config.SentimentConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Runs every rule and keeps the reasons not raised before in this call (one alert per reason per call). */
public final class EscalationDetector {
  private final List<EscalationRule> rules;

  public EscalationDetector(List<EscalationRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The standard rule set with the configured thresholds. */
  public static EscalationDetector standard(EscalationPatterns patterns, SentimentConfig cfg) {
    return new EscalationDetector(
        List.of(
            new HumanRequestedRule(patterns),
            new CancelThreatRule(patterns),
            new ProfanityRule(patterns),
            new NegativeStreakRule(cfg.negativeStreakEscalation()),
            new RepeatedComplaintRule(cfg.repeatComplaintEscalation()),
            new AgentLatencyRule(cfg.agentLatencyEscalationMs())));
  }

  public List<Escalation> detect(EscalationContext ctx) {
    Set<String> raised = Set.copyOf(ctx.state().escalations());
    List<Escalation> out = new ArrayList<>();
    for (EscalationRule rule : rules) {
      if (raised.contains(rule.reason())) {
        continue;
      }
      rule.check(ctx).ifPresent(detail -> out.add(new Escalation(rule.reason(), detail)));
    }
    return out;
  }
}
