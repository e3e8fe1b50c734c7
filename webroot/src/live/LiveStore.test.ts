import { beforeEach, describe, expect, it } from 'vitest';
import { FakeTransport, flush } from '../test/FakeTransport';
import { delta, history, joinRoom, ROOM, tl } from '../test/roomFixtures';
import { LiveStore } from './LiveStore';
import type { HistoryReply, LogLine } from './types';

const seqs = (store: LiveStore) => store.getRoom(ROOM)!.lines.map((l) => l.seq);

describe('LiveStore — connection and lifecycle', () => {
  let t: FakeTransport;
  let store: LiveStore;
  let now = 10_000;
  beforeEach(() => {
    t = new FakeTransport();
    store = new LiveStore(t, { now: () => now, historyPageSize: 3 });
    store.start();
  });

  it('resyncs the list after a reconnect: buffers, re-requests the snapshot, drops calls gone meanwhile', async () => {
    t.take('calls.snapshot').resolve({ v: 1, at: 1, calls: [{ room: 'a', session_id: 's' }, { room: 'b', session_id: 's' }] });
    await flush();
    t.disconnect();
    t.reconnect();
    const req = t.take('calls.snapshot');
    t.publish('calls.active', { v: 1, upserts: [{ room: 'd', session_id: 's' }], removed: [] });
    expect(store.getCalls().byRoom.has('d')).toBe(false); // buffered
    req.resolve({ v: 1, at: 2, calls: [{ room: 'b', session_id: 's' }, { room: 'c', session_id: 's' }] });
    await flush();
    expect([...store.getCalls().byRoom.keys()].sort()).toEqual(['b', 'c', 'd']);
  });

  it('waits for the connection before the first snapshot request', async () => {
    const t2 = new FakeTransport(false);
    const s2 = new LiveStore(t2);
    s2.start();
    expect(t2.pendingOn('calls.snapshot')).toHaveLength(0);
    t2.reconnect();
    expect(t2.pendingOn('calls.snapshot')).toHaveLength(1);
  });

  const join = (lines: LogLine[], opts: Partial<HistoryReply> = {}) => joinRoom(t, (r) => store.openRoom(r), lines, opts);

  it('resyncs after a reconnect from the held seq', async () => {
    await join([tl(1), tl(2)]);
    t.disconnect();
    t.reconnect();
    const req = t.take('call.history');
    expect(req.body).toMatchObject({ room: ROOM, afterSeq: 2 });
    t.publish(`call.${ROOM}`, delta(4, 5));
    req.resolve(history([tl(3), tl(4)]));
    await flush();
    expect(seqs(store)).toEqual([1, 2, 3, 4, 5]);
    expect(store.getRoom(ROOM)!.stats.resyncs).toBe(1);
    expect(store.getRoom(ROOM)!.status).toBe('live');
  });

  it('start registers the list and the alerts; stop unregisters them and drops followed rooms', async () => {
    expect(t.isRegistered('calls.active')).toBe(true);
    expect(t.isRegistered('alerts')).toBe(true);
    store.openRoom(ROOM);
    expect(t.isRegistered(`call.${ROOM}.debug`)).toBe(true);
    store.stop();
    expect(t.isRegistered('calls.active')).toBe(false);
    expect(t.isRegistered('alerts')).toBe(false);
    expect(t.isRegistered(`call.${ROOM}`)).toBe(false);
    expect(store.getRoom(ROOM)).toBeUndefined();
  });

  it('notifies its listeners when a part changes and answers through its getters', async () => {
    let notified = 0;
    store.subscribe(() => notified++);
    t.take('calls.snapshot').resolve({ v: 1, at: 1, calls: [{ room: 'a', session_id: 's' }] });
    await flush();
    expect(notified).toBeGreaterThan(0);
    expect(store.getCalls().byRoom.has('a')).toBe(true);
    const before = notified;
    t.publish('alerts', { v: 1, room: 'a', session_id: 's', reason: 'profanity', detail: 'd', seq: 1, at: 2 });
    expect(notified).toBe(before + 1);
    store.dismissAlert(store.getAlerts()[0]!.id);
    expect(store.getAlerts()).toHaveLength(0);
    expect(notified).toBe(before + 2);
  });
});
