import { describe, expect, it } from 'vitest';
import { FakeTransport, flush } from '../test/FakeTransport';
import { adaptResult, queryAnalytics, toRequest } from './adapter';

describe('analytics adapter', () => {
  it('builds the request body', () => {
    expect(toRequest({ from: 1, to: 2, bucket: 'day' })).toEqual({ v: 1, from: 1, to: 2, bucket: 'day' });
    expect(toRequest({ from: 1, to: 2, bucket: 'hour', agent: 'a', language: 'ms' })).toMatchObject({ agent: 'a', language: 'ms' });
  });

  it('normalises the assumed result shape', () => {
    const r = adaptResult({
      v: 1,
      buckets: [
        { start: '2026-11-02T00:00:00Z', volume: 5, aht_ms: 1000, completion_rate: 80, sentiment: { avg: 0.1, negative: 1, neutral: 2, positive: 2 } },
        { start: Date.parse('2026-11-01T00:00:00Z'), volume: 3, aht_ms: 2000, att_ms: 1500, completion_rate: 0.5 },
      ],
      totals: { volume: 8, transfer_rate: 0.25 },
      busiest_hours: [{ hour: 14, volume: 3 }, { hour: 9, volume: 5 }],
    });
    expect(r.buckets.map((b) => b.volume)).toEqual([3, 5]); // sorted by start
    expect(r.buckets[1]!.completionRate).toBe(0.8); // percentage read as fraction
    expect(r.buckets[0]!.attMs).toBe(1500);
    expect(r.buckets[1]!.attMs).toBeNull();
    expect(r.totals).toMatchObject({ volume: 8, transferRate: 0.25, takeoverRate: null });
    expect(r.busiestHours.map((h) => h.hour)).toEqual([9, 14]);
  });

  it('survives an empty or malformed reply', () => {
    expect(adaptResult(null)).toMatchObject({ buckets: [], busiestHours: [], totals: { volume: 0 } });
  });

  it('queries analytics.query over the transport', async () => {
    const t = new FakeTransport();
    const p = queryAnalytics(t, { from: 0, to: 10, bucket: 'week' });
    const req = t.take('analytics.query');
    expect(req.body).toEqual({ v: 1, from: 0, to: 10, bucket: 'week' });
    req.resolve({ buckets: [], totals: { volume: 2 } });
    await flush();
    expect((await p).totals.volume).toBe(2);
  });
});
