package io.switchboard.sentiment;

import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.contract.sentiment.SentimentAnnotation;
import io.switchboard.contract.sentiment.SentimentRequest;
import io.switchboard.sentiment.call.CallSentimentAggregator;
import io.switchboard.sentiment.escalation.AgentFailingRule;
import io.switchboard.sentiment.escalation.Escalation;
import io.switchboard.sentiment.escalation.EscalationContext;
import io.switchboard.sentiment.escalation.EscalationDetector;
import io.switchboard.sentiment.escalation.EscalationPatterns;
import io.switchboard.sentiment.escalation.RepeatedComplaintRule;
import io.switchboard.sentiment.model.SentimentLabel;
import io.switchboard.sentiment.model.EmbeddedSentimentModel;
import io.switchboard.sentiment.provider.EmbeddedSentimentProvider;
import io.switchboard.sentiment.provider.SentimentProvider;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * One request end to end, without the bus: utterance sentiment (from the provider), call-level
 * state, new escalations. Stateless: everything about the call comes in {@code request.prior}.
 */
public final class SentimentAnalyzer {
  /** The annotation to reply with and the escalations it raised (to publish as alerts). */
  public record Result(SentimentAnnotation annotation, List<Escalation> escalations) {}

  private final SentimentProvider provider;
  private final CallSentimentAggregator aggregator;
  private final EscalationPatterns patterns;
  private final EscalationDetector detector;

  public SentimentAnalyzer(
      SentimentProvider provider, CallSentimentAggregator aggregator, EscalationPatterns patterns, EscalationDetector detector) {
    this.provider = provider;
    this.aggregator = aggregator;
    this.patterns = patterns;
    this.detector = detector;
  }

  /** The offline analyzer (embedded model, standard rules): evaluation tools and tests. */
  public static SentimentAnalyzer embedded(SentimentConfig cfg) {
    EscalationPatterns patterns = EscalationPatterns.loadDefault();
    return new SentimentAnalyzer(
        new EmbeddedSentimentProvider(EmbeddedSentimentModel.withDefaultLexicon()),
        new CallSentimentAggregator(),
        patterns,
        EscalationDetector.standard(patterns, cfg));
  }

  public static SentimentAnalyzer embedded() {
    return embedded(new SentimentConfig("embedded", null, null, null, 1500));
  }

  public Future<Result> analyze(SentimentRequest req) {
    return provider.analyze(req.text(), req.language()).map(u -> {
      String normalised = EscalationPatterns.normalise(req.text());
      boolean repeated = patterns.matches(RepeatedComplaintRule.EXPLICIT, normalised)
          || (u.label() == SentimentLabel.NEGATIVE && patterns.matches(RepeatedComplaintRule.HINT, normalised));
      boolean agentFailed =
          AgentFailingRule.agentTurnFailed(patterns, EscalationPatterns.normalise(req.agentText()), req.agentToolErrors());
      CallSentimentState state = aggregator.next(req.prior(), u, repeated, agentFailed);
      List<Escalation> raised = detector.detect(new EscalationContext(normalised, req.agentLatencyMs(), u, req.prior(), state));
      List<String> reasons = raised.stream().map(Escalation::reason).toList();
      List<String> all = new ArrayList<>(state.escalations());
      all.addAll(reasons);
      CallSentimentState after = state.withEscalations(all);
      SentimentAnnotation annotation =
          new SentimentAnnotation(req.seq(), u.label().wire(), u.score(), u.confidence(), after, reasons, u.source());
      return new Result(annotation, raised);
    });
  }

}
