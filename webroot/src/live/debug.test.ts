import { beforeEach, describe, expect, it } from 'vitest';
import { FakeTransport, flush } from '../test/FakeTransport';
import { history, tl } from '../test/roomFixtures';
import { appendDebug, normaliseDebug, seedDebug } from './debug';
import { RoomSync } from './roomSync';

describe('debug — call.<room>.debug ring', () => {
  let t: FakeTransport;
  beforeEach(() => {
    t = new FakeTransport();
  });

  it('keeps the debug stream in a bounded ring', async () => {
    const s = new RoomSync(t, { debugRingSize: 3 }, () => {});
    s.open('r2');
    for (let i = 0; i < 5; i++) t.publish('call.r2.debug', { type: 'state', from: 'listening', to: 'thinking', ts: i });
    const dbg = s.get('r2')!.debug;
    expect(dbg).toHaveLength(3);
    expect(dbg.map((d) => d.ts)).toEqual([2, 3, 4]);
    expect(dbg[0]!.summary).toBe('listening → thinking');
  });

  it('seeds an empty debug panel from the debug events that come with the history', async () => {
    const s = new RoomSync(t, { debugRingSize: 3 }, () => {});
    s.open('r3');
    const recent = [0, 1, 2, 3].map((i) => ({ v: 1, room: 'r3', ts: i, data: { type: 'state', from: 'listening', to: 'thinking' } }));
    t.take('call.history').resolve(history([tl(1)], { room: 'r3', debug: recent }));
    await flush();
    const dbg = s.get('r3')!.debug;
    expect(dbg.map((d) => d.ts)).toEqual([1, 2, 3]); // newest kept, ring bound respected
    t.publish('call.r3.debug', { type: 'state', from: 'thinking', to: 'speaking', ts: 9 });
    expect(s.get('r3')!.debug.at(-1)!.ts).toBe(9);
  });

  it('appendDebug drops the oldest event once the ring is full', () => {
    const ev = (i: number) => normaliseDebug({ type: 'state', to: 'speaking', ts: i }, i, 0)!;
    let ring = appendDebug([], ev(1), 2);
    ring = appendDebug(ring, ev(2), 2);
    expect(ring.map((d) => d.ts)).toEqual([1, 2]);
    ring = appendDebug(ring, ev(3), 2);
    expect(ring.map((d) => d.ts)).toEqual([2, 3]);
  });

  it('seedDebug skips what is not a debug event; every body takes the next id, as a live event would', () => {
    let id = 10;
    const seeded = seedDebug([{ type: 'tool', name: 'lookup', ts: 1 }, 'not an event', { type: 'state', to: 'thinking', ts: 2 }], () => ++id, 99, 5);
    expect(seeded.map((d) => [d.id, d.ts, d.receivedAt])).toEqual([
      [11, 1, 99],
      [13, 2, 99],
    ]);
  });

  it('seedDebug puts events the server ring holds swapped back in time order, and keeps the newest', () => {
    let id = 0;
    const seeded = seedDebug([{ type: 'a', ts: 5 }, { type: 'b', ts: 3 }, { type: 'c', ts: 7 }, { type: 'd', ts: 7 }], () => ++id, 99, 3);
    expect(seeded.map((d) => d.type)).toEqual(['a', 'c', 'd']);
  });
});
