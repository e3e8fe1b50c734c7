package io.switchboard.sentiment.escalation;

import io.switchboard.sentiment.SentimentConfig;
import io.switchboard.sentiment.escalation.CueRule.Cue;
import io.switchboard.sentiment.escalation.CueRule.Gate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Runs every rule and keeps the reasons not raised before in this call (one alert per reason per
 * call), most urgent first.
 */
public final class EscalationDetector {
  /** Agent lines that failed before {@code agent_failing} fires. */
  public static final int AGENT_FAILURES = 2;

  private final List<EscalationRule> rules;

  public EscalationDetector(List<EscalationRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The standard rule set with the configured thresholds. */
  public static EscalationDetector standard(EscalationPatterns p, SentimentConfig cfg) {
    return new EscalationDetector(
        List.of(
            new CueRule(EscalationReasons.HUMAN_REQUESTED, "customer asked for a human, a manager or someone senior", p, Gate.ANY),
            new CueRule(EscalationReasons.CANCEL_THREAT, "customer threatened to cancel, close, switch or leave", p,
                List.of(Cue.of("cancel_threat", Gate.NOT_POSITIVE), new Cue("cancel_if_negative", "cancel_threat", Gate.NEGATIVE))),
            new CueRule(EscalationReasons.LEGAL_THREAT, "customer threatened legal action or a regulator complaint", p, Gate.NOT_POSITIVE),
            new CueRule(EscalationReasons.CHARGEBACK, "customer is reversing the payment through the bank or card", p, Gate.NOT_POSITIVE),
            new CueRule(EscalationReasons.PUBLIC_POST, "customer threatened to go public (social media, reviews, press)", p, Gate.NOT_POSITIVE),
            new CueRule(EscalationReasons.PROFANITY, "customer is abusive (swearing, insults or threats)", p, Gate.NOT_POSITIVE),
            new CueRule(EscalationReasons.DISTRESS, "customer in acute distress or with high stakes (health, money, safety)", p, Gate.NOT_POSITIVE),
            new CueRule(EscalationReasons.STRONG_ANGER, "customer says they are furious", p, Gate.NOT_POSITIVE),
            new CueRule(EscalationReasons.FORMAL_COMPLAINT, "customer wants to complain above the agent", p, Gate.ANY),
            new RepeatedComplaintRule(p, cfg.repeatComplaintEscalation()),
            new AgentFailingRule(p, AGENT_FAILURES),
            new RisingAngerRule(),
            new NegativeStreakRule(cfg.negativeStreakEscalation()),
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
    out.sort(Comparator.comparingInt(e -> urgency(e.reason())));
    return out;
  }

  static int urgency(String reason) {
    int i = EscalationReasons.BY_URGENCY.indexOf(reason);
    return i < 0 ? Integer.MAX_VALUE : i;
  }
}
