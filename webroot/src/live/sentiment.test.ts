import { describe, expect, it } from 'vitest';
import { compareBySentiment, sortBySentiment } from './sentiment';
import type { CallSummary } from './types';

const c = (room: string, sentiment?: string, sentiment_score?: number, extra: Partial<CallSummary> = {}): CallSummary => ({
  room,
  sentiment,
  sentiment_score,
  ...extra,
});

describe('sentiment ordering', () => {
  it('orders negative → neutral → positive', () => {
    const out = sortBySentiment([c('p', 'positive', 0.5), c('n', 'neutral', 0), c('x', 'negative', -0.5)]);
    expect(out.map((x) => x.room)).toEqual(['x', 'n', 'p']);
  });

  it('orders by score inside a label, worst first', () => {
    const out = sortBySentiment([
      c('neg-mild', 'negative', -0.2),
      c('neg-strong', 'negative', -0.9),
      c('pos-strong', 'positive', 0.9),
      c('pos-mild', 'positive', 0.3),
      c('neu-low', 'neutral', -0.1),
      c('neu-high', 'neutral', 0.1),
    ]);
    expect(out.map((x) => x.room)).toEqual(['neg-strong', 'neg-mild', 'neu-low', 'neu-high', 'pos-mild', 'pos-strong']);
  });

  it('treats magnitude-only negative scores as severity', () => {
    expect(compareBySentiment(c('a', 'negative', 0.9), c('b', 'negative', 0.2))).toBeLessThan(0);
  });

  it('missing sentiment counts as neutral; ties break on escalation, age, then room', () => {
    const out = sortBySentiment([
      c('b', undefined, undefined, { started_at: 5 }),
      c('a', 'neutral', undefined, { started_at: 5 }),
      c('old', 'neutral', undefined, { started_at: 1 }),
      c('esc', 'neutral', undefined, { started_at: 9, escalation: ['profanity'] }),
      c('neg', 'negative'),
    ]);
    expect(out.map((x) => x.room)).toEqual(['neg', 'esc', 'old', 'a', 'b']);
  });
});
