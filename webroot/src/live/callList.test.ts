import { beforeEach, describe, expect, it } from 'vitest';
import { FakeTransport, flush } from '../test/FakeTransport';
import { CallList } from './callList';

describe('CallList — calls.active late join', () => {
  let t: FakeTransport;
  let list: CallList;
  beforeEach(() => {
    t = new FakeTransport();
    list = new CallList(t, () => {});
    list.listen();
    void list.sync();
  });

  it('registers before requesting the snapshot, buffers deltas, then applies snapshot + buffer', async () => {
    expect(t.isRegistered('calls.active')).toBe(true);
    const req = t.take('calls.snapshot');
    expect(list.get().status).toBe('syncing');
    // deltas arrive while the snapshot is in flight
    t.publish('calls.active', { v: 1, upserts: [{ room: 'a', session_id: 's', sentiment: 'negative' }], removed: [] });
    t.publish('calls.active', { v: 1, upserts: [{ room: 'c', session_id: 'sc', agent: 'bot' }], removed: ['b'] });
    expect(list.get().byRoom.size).toBe(0);
    req.resolve({
      v: 1,
      at: 1,
      calls: [
        { room: 'a', session_id: 's', sentiment: 'neutral', customer: 'Ann' },
        { room: 'b', session_id: 'sb' },
      ],
    });
    await flush();
    const calls = list.get();
    expect(calls.status).toBe('live');
    expect([...calls.byRoom.keys()].sort()).toEqual(['a', 'c']);
    expect(calls.byRoom.get('a')).toMatchObject({ sentiment: 'negative', customer: 'Ann' }); // merged
  });

  it('applies list deltas idempotently (at-least-once delivery)', async () => {
    t.take('calls.snapshot').resolve({ v: 1, at: 1, calls: [] });
    await flush();
    const d = { v: 1, upserts: [{ room: 'x', session_id: 's', agent_state: 'speaking' }], removed: [] };
    t.publish('calls.active', d);
    const once = list.get().byRoom.get('x');
    t.publish('calls.active', d);
    expect(list.get().byRoom.get('x')).toEqual(once);
    expect(list.get().byRoom.size).toBe(1);
    const rm = { v: 1, upserts: [], removed: ['x'] };
    t.publish('calls.active', rm);
    t.publish('calls.active', rm);
    expect(list.get().byRoom.size).toBe(0);
    // a late duplicate of the old upsert does not resurrect a ghost call
    t.publish('calls.active', d);
    expect(list.get().byRoom.size).toBe(0);
    // a new session of the same room does appear
    t.publish('calls.active', { v: 1, upserts: [{ room: 'x', session_id: 's2' }], removed: [] });
    expect(list.get().byRoom.get('x')?.session_id).toBe('s2');
  });

  it('a new session of a listed room replaces the summary instead of merging', async () => {
    t.take('calls.snapshot').resolve({ v: 1, at: 1, calls: [{ room: 'x', session_id: 's1', customer: 'Old', sentiment: 'negative' }] });
    await flush();
    t.publish('calls.active', { v: 1, upserts: [{ room: 'x', session_id: 's2', customer: 'New' }], removed: [] });
    expect(list.get().byRoom.get('x')).toEqual({ room: 'x', session_id: 's2', customer: 'New' });
  });
});
