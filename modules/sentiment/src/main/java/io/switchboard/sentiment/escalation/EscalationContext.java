package io.switchboard.sentiment.escalation;

import io.switchboard.contract.sentiment.CallSentimentState;
import io.switchboard.sentiment.model.UtteranceSentiment;

/**
 * What a rule may look at for one utterance.
 *
 * @param normalisedText the utterance, normalised (see {@link EscalationPatterns#normalise})
 * @param agentLatencyMs the agent's last response latency, or -1 when unknown
 * @param utterance this utterance's sentiment
 * @param prior the call state before this utterance
 * @param state the call state after this utterance (escalations not yet updated)
 */
public record EscalationContext(
    String normalisedText, long agentLatencyMs, UtteranceSentiment utterance, CallSentimentState prior, CallSentimentState state) {}
