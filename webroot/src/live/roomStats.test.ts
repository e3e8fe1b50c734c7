import { describe, expect, it } from 'vitest';
import { FakeTransport } from '../test/FakeTransport';
import { delta, joinRoom, ROOM, tl } from '../test/roomFixtures';
import { RoomSync } from './roomSync';
import { ARRIVALS_KEPT, counted, emptyStats, withArrival, withLiveDelta } from './roomStats';
import type { HistoryReply, LogLine } from './types';

describe('roomStats — per-room client statistics', () => {
  let now = 10_000;
  const t = new FakeTransport();
  const rooms = new RoomSync(t, { now: () => now, historyPageSize: 3 }, () => {});

  const join = (lines: LogLine[], opts: Partial<HistoryReply> = {}) => joinRoom(t, (r) => rooms.open(r), lines, opts);

  it('computes the arrival delay of live lines', async () => {
    await join([tl(1)]);
    now = 1002 + 250;
    t.publish(`call.${ROOM}`, delta(1, 2)); // line ts = 1002
    expect(rooms.get(ROOM)!.stats.lastDelayMs).toBe(250);
    expect(rooms.get(ROOM)!.stats.deltas).toBe(1);
  });

  it('keeps only the last ARRIVALS_KEPT arrival times', () => {
    let stats = emptyStats();
    for (let i = 0; i < ARRIVALS_KEPT + 5; i++) stats = withArrival(stats, i);
    expect(stats.arrivals).toHaveLength(ARRIVALS_KEPT);
    expect(stats.arrivals[0]).toBe(5);
    expect(stats.arrivals.at(-1)).toBe(ARRIVALS_KEPT + 4);
  });

  it('averages the arrival delay and counts without touching the previous value', () => {
    const first = withLiveDelta(emptyStats(), [tl(1)], 1001 + 100); // delay 100
    const second = withLiveDelta(first, [tl(2)], 1002 + 200); // delay 200
    expect(second).toMatchObject({ deltas: 2, lastDelayMs: 200, avgDelayMs: 100 * 0.8 + 200 * 0.2 });
    expect(first).toMatchObject({ deltas: 1, lastDelayMs: 100, avgDelayMs: 100 });
    expect(withLiveDelta(first, [], 5000)).toMatchObject({ deltas: 2, lastDelayMs: 100 }); // no line, no delay
    const gaps = counted(first, 'gaps');
    expect([first.gaps, gaps.gaps]).toEqual([0, 1]);
  });
});
