import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TaggedReport } from './stats';
import { StatsMonitor } from './StatsMonitor';

function reportOf(bytes: number, ts: number): TaggedReport[] {
  const e = { id: 'IA', type: 'inbound-rtp', kind: 'audio', timestamp: ts, bytesReceived: bytes, packetsReceived: 0, packetsLost: 0 };
  return [{ direction: 'in', party: 'agent', report: new Map([[e.id, e]]) }];
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('StatsMonitor', () => {
  it('samples every interval and computes the rate between consecutive samples', async () => {
    let bytes = 0;
    let ts = 0;
    const source = vi.fn(async () => reportOf(bytes, ts));
    const m = new StatsMonitor(1000);
    const seen: Array<number | undefined> = [];
    m.subscribe(() => seen.push(m.getFigures()?.inKbps));
    m.start(source);
    await vi.advanceTimersByTimeAsync(0);
    bytes = 2_000;
    ts = 1000;
    await vi.advanceTimersByTimeAsync(1000);
    bytes = 6_000;
    ts = 2000;
    await vi.advanceTimersByTimeAsync(1000);
    expect(source).toHaveBeenCalledTimes(3);
    expect(seen).toEqual([undefined, 16, 32]);
    m.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(source).toHaveBeenCalledTimes(3);
    expect(m.getFigures()).toBeNull();
  });

  it('a slow getStats does not pile up calls, a failing one keeps the last figures', async () => {
    let release: () => void = () => undefined;
    const slow = vi.fn(() => new Promise<TaggedReport[]>((r) => (release = () => r(reportOf(1, 0)))));
    const m = new StatsMonitor(100);
    m.start(slow);
    await vi.advanceTimersByTimeAsync(1000);
    expect(slow).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(m.getFigures()?.inBytes).toBe(1);
    const before = m.getFigures();
    await m.poll(() => Promise.reject(new Error('pc closed')));
    expect(m.getFigures()).toBe(before);
    m.start(slow); // a new connection: no figures until it is sampled
    expect(m.getFigures()).toBeNull();
    m.stop();
  });
});
