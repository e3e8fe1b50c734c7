package io.switchboard.rules.engine;

import io.switchboard.contract.rules.RuleFiring;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates the current rule set on one call's events. Each rule fires at most once per call (a
 * call that stays angry is one alert, not one per line), on the first event for which its
 * conditions hold. Replacing the rule set (hot reload) is atomic: an evaluation sees the old set
 * or the new one.
 */
public final class RuleEngine {
  private volatile List<CompiledRule> rules = List.of();

  public void replace(List<CompiledRule> next) {
    rules = List.copyOf(next);
  }

  public List<CompiledRule> rules() {
    return rules;
  }

  /** Folds the event into the call's state, then returns the rules it fires (marked fired in the state). */
  public List<Fired> observe(CallState call, Observation event) {
    call.apply(event);
    return evaluate(call, event, false);
  }

  /** The timed rules a clock tick fires. */
  public List<Fired> tick(CallState call, long now) {
    return evaluate(call, Observation.tick(call, now), true);
  }

  private List<Fired> evaluate(CallState call, Observation event, boolean tick) {
    List<Fired> out = new ArrayList<>();
    if (call.ended()) {
      return out;
    }
    for (CompiledRule rule : rules) {
      if (!rule.enabled() || call.hasFired(rule.id()) || (tick && !rule.timed())) {
        continue;
      }
      if (rule.holds(call, event)) {
        call.markFired(rule.id());
        out.add(new Fired(rule, rule.firing(call, event)));
      }
    }
    return out;
  }

  /** A rule that fired, with what to record. */
  public record Fired(CompiledRule rule, RuleFiring firing) {}
}
