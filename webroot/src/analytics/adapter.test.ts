import { describe, expect, it } from 'vitest';
import { FakeTransport, flush } from '../test/FakeTransport';
import { adaptResult, queryAnalytics, toRequest } from './adapter';

describe('analytics adapter', () => {
  it('builds the request body', () => {
    expect(toRequest({ from: 1, to: 2, bucket: 'day' })).toEqual({ v: 1, from: 1, to: 2, bucket: 'day' });
    expect(toRequest({ from: 1, to: 2, bucket: 'hour', agent: 'a', language: 'ms' })).toMatchObject({ agent: 'a', language: 'ms' });
  });

  it('normalises the KpiResult shape', () => {
    const hours = Array.from({ length: 24 }, (_, h) => (h === 9 ? 5 : h === 14 ? 3 : 0));
    const r = adaptResult({
      v: 1,
      buckets: [
        { key: '2026-11-02', start: '2026-11-02T00:00:00Z', calls: 5, aht_ms: 1000, completion_rate: 0.8,
          sentiment_avg: 0.1, sentiment_labels: { negative: 1, neutral: 2, positive: 2, unknown: 0 } },
        { key: '2026-11-01', start: '2026-11-01T00:00:00Z', calls: 3, aht_ms: 2000, att_ms: 1500, completion_rate: 0.5, att: null },
      ],
      totals: { calls: 8, transfer_rate: 0.25, takeover_rate: null, calls_by_hour: hours },
    });
    expect(r.buckets.map((b) => b.volume)).toEqual([3, 5]); // sorted by start
    expect(r.buckets[1]!.completionRate).toBe(0.8);
    expect(r.buckets[1]!.sentiment).toEqual({ avg: 0.1, negative: 1, neutral: 2, positive: 2 });
    expect(r.buckets[0]!.attMs).toBe(1500);
    expect(r.buckets[1]!.attMs).toBeNull();
    expect(r.totals).toMatchObject({ volume: 8, transferRate: 0.25, takeoverRate: null });
    expect(r.busiestHours).toHaveLength(24);
    expect(r.busiestHours[9]).toEqual({ hour: 9, volume: 5 });
  });

  it('survives an empty or malformed reply', () => {
    expect(adaptResult(null)).toMatchObject({ buckets: [], busiestHours: [], totals: { volume: 0 } });
  });

  it('queries analytics.query over the transport', async () => {
    const t = new FakeTransport();
    const p = queryAnalytics(t, { from: 0, to: 10, bucket: 'week' });
    const req = t.take('analytics.query');
    expect(req.body).toEqual({ v: 1, from: 0, to: 10, bucket: 'week' });
    req.resolve({ buckets: [], totals: { calls: 2 } });
    await flush();
    expect((await p).totals.volume).toBe(2);
  });
});
