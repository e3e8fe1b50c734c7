import { describe, expect, it } from 'vitest';
import type { AnalyticsQuery, AnalyticsResult, Kpis } from '../../analytics/adapter';
import { barsEmptyReason, rangeEmptyReason, seriesEmptyReason } from './emptyState';

const kpis = (volume: number): Kpis => ({
  volume,
  demoCalls: 0,
  ahtMs: volume ? 1000 : null,
  attMs: volume ? 800 : null,
  completionRate: volume ? 1 : null,
  transferRate: volume ? 0 : null,
  takeoverRate: volume ? 0 : null,
  escalationRate: volume ? 0 : null,
  sentiment: { avg: null, negative: 0, neutral: 0, positive: 0 },
});
const result = (volume: number): AnalyticsResult => ({ totals: kpis(volume), buckets: [{ ...kpis(volume), start: 0 }], busiestHours: [] });
const q: AnalyticsQuery = { from: Date.UTC(2026, 10, 24, 12), to: Date.UTC(2026, 11, 1, 12), bucket: 'day' };

describe('empty states say why', () => {
  it('an empty range names the range', () => {
    const why = rangeEmptyReason(result(0), q);
    expect(why).toMatch(/^No archived calls in this range \(/);
    expect(why).toContain('2026');
    expect(why).toMatch(/once they have ended/);
  });

  it('an empty range with filters names the filters', () => {
    expect(rangeEmptyReason(result(0), { ...q, agent: 'billing-bot', language: 'ms' })).toMatch(
      /^No archived calls for agent billing-bot and language ms in this range/,
    );
  });

  it('a range with calls is not empty', () => {
    expect(rangeEmptyReason(result(3), q)).toBeNull();
  });

  it('a chart without any value gives its own reason, one with a value none', () => {
    expect(seriesEmptyReason([{ values: [null, null] }, { values: [null] }], 'No handle times.')).toBe('No handle times.');
    expect(seriesEmptyReason([{ values: [null, 0] }], 'x')).toBeNull();
    expect(barsEmptyReason([{ values: [0, 0] }, { values: [0] }], 'No sentiment scores.')).toBe('No sentiment scores.');
    expect(barsEmptyReason([{ values: [0, 2] }], 'x')).toBeNull();
  });
});
