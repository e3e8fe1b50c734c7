package io.switchboard.rules.engine;

import io.switchboard.contract.rules.RuleSchema;
import io.vertx.core.json.JsonObject;

/** Schema check, then compilation (regex guard): a rule either compiles or gets a pointed problem. */
public final class RuleValidator {
  private final RuleSchema schema = new RuleSchema();

  /** The outcome: a compiled rule, or the problem with the field's JSON pointer. */
  public record Outcome(CompiledRule rule, RuleSchema.Problem problem) {
    public boolean ok() {
      return problem == null;
    }
  }

  public Outcome check(Object doc) {
    RuleSchema.Problem p = schema.problem(doc);
    if (p != null) {
      return new Outcome(null, p);
    }
    try {
      return new Outcome(CompiledRule.of((JsonObject) doc), null);
    } catch (CompiledRule.PointedRefusal e) {
      return new Outcome(null, new RuleSchema.Problem(e.pointer(), e.getMessage()));
    } catch (RuntimeException e) {
      return new Outcome(null, new RuleSchema.Problem("", e.getMessage()));
    }
  }
}
