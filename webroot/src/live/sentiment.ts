import { asNumber, isEscalated, sentimentLabel } from './fields';
import type { CallSummary, SentimentLabel } from './types';

export const SENTIMENT_RANK: Record<SentimentLabel, number> = { negative: 0, neutral: 1, positive: 2 };

/**
 * The score as a signed value in the label's direction. ASSUMPTION: sentiment_score is signed
 * (−1 … 1, negative = bad); a magnitude-only score (0 … 1) is mapped so that, inside "negative",
 * the stronger negatives come first, and inside "positive", the weaker positives come first.
 */
export function signedScore(c: CallSummary): number {
  const s = asNumber(c.sentiment_score) ?? 0;
  const label = sentimentLabel(c);
  if (label === 'negative') return -Math.abs(s);
  if (label === 'positive') return Math.abs(s);
  return s;
}

/**
 * Bubble order: negative → neutral → positive, then by score (worst first), then escalated first,
 * then oldest call first, then room name (stable).
 */
export function compareBySentiment(a: CallSummary, b: CallSummary): number {
  const r = SENTIMENT_RANK[sentimentLabel(a)] - SENTIMENT_RANK[sentimentLabel(b)];
  if (r !== 0) return r;
  const s = signedScore(a) - signedScore(b);
  if (s !== 0) return s;
  const e = Number(isEscalated(b)) - Number(isEscalated(a));
  if (e !== 0) return e;
  const t = (asNumber(a.started_at) ?? 0) - (asNumber(b.started_at) ?? 0);
  if (t !== 0) return t;
  return a.room < b.room ? -1 : a.room > b.room ? 1 : 0;
}

export function sortBySentiment(calls: Iterable<CallSummary>): CallSummary[] {
  return [...calls].sort(compareBySentiment);
}

export const SENTIMENT_META: Record<SentimentLabel, { label: string; icon: string; className: string }> = {
  negative: { label: 'Negative', icon: '▼', className: 'sent-neg' },
  neutral: { label: 'Neutral', icon: '●', className: 'sent-neu' },
  positive: { label: 'Positive', icon: '▲', className: 'sent-pos' },
};

export function sentimentMeta(label: string | undefined) {
  return SENTIMENT_META[label === 'negative' || label === 'positive' ? label : 'neutral'];
}
