import { beforeEach, describe, expect, it } from 'vitest';
import { FakeTransport, flush } from '../test/FakeTransport';
import { LiveStore } from './LiveStore';
import type { HistoryReply, HistoryRequest, LogLine, RoomDelta, TranscriptLine } from './types';

const ROOM = 'call-1';
const S1 = 'sess-1';

function tl(seq: number, role: 'user' | 'agent' | 'supervisor' = 'user', text = `line ${seq}`, extra: Partial<TranscriptLine> = {}): LogLine {
  return { seq, kind: 'transcript', ts: 1000 + seq, role, text, ...extra };
}

function history(lines: LogLine[], opts: Partial<HistoryReply> = {}): HistoryReply {
  const lastSeq = lines.length ? (lines[lines.length - 1] as LogLine).seq : 0;
  return { v: 1, room: ROOM, session_id: S1, snapshot: { room: ROOM, session_id: S1, status: 'active' }, lines, lastSeq, hasMore: false, ...opts };
}

function delta(fromSeq: number, toSeq: number, extra: Partial<RoomDelta> = {}): RoomDelta {
  const lines: LogLine[] = [];
  for (let s = fromSeq + 1; s <= toSeq; s++) lines.push(tl(s));
  return { v: 1, room: ROOM, session_id: S1, fromSeq, toSeq, lines, fields: {}, ...extra };
}

const seqs = (store: LiveStore) => store.getRoom(ROOM)!.lines.map((l) => l.seq);

describe('LiveStore — calls.active late join', () => {
  let t: FakeTransport;
  let store: LiveStore;
  beforeEach(() => {
    t = new FakeTransport();
    store = new LiveStore(t, { now: () => 5000 });
    store.start();
  });

  it('registers before requesting the snapshot, buffers deltas, then applies snapshot + buffer', async () => {
    expect(t.isRegistered('calls.active')).toBe(true);
    const req = t.take('calls.snapshot');
    expect(store.getCalls().status).toBe('syncing');
    // deltas arrive while the snapshot is in flight
    t.publish('calls.active', { v: 1, upserts: [{ room: 'a', session_id: 's', sentiment: 'negative' }], removed: [] });
    t.publish('calls.active', { v: 1, upserts: [{ room: 'c', session_id: 'sc', agent: 'bot' }], removed: ['b'] });
    expect(store.getCalls().byRoom.size).toBe(0);
    req.resolve({
      v: 1,
      at: 1,
      calls: [
        { room: 'a', session_id: 's', sentiment: 'neutral', customer: 'Ann' },
        { room: 'b', session_id: 'sb' },
      ],
    });
    await flush();
    const calls = store.getCalls();
    expect(calls.status).toBe('live');
    expect([...calls.byRoom.keys()].sort()).toEqual(['a', 'c']);
    expect(calls.byRoom.get('a')).toMatchObject({ sentiment: 'negative', customer: 'Ann' }); // merged
  });

  it('applies list deltas idempotently (at-least-once delivery)', async () => {
    t.take('calls.snapshot').resolve({ v: 1, at: 1, calls: [] });
    await flush();
    const d = { v: 1, upserts: [{ room: 'x', session_id: 's', agent_state: 'speaking' }], removed: [] };
    t.publish('calls.active', d);
    const once = store.getCalls().byRoom.get('x');
    t.publish('calls.active', d);
    expect(store.getCalls().byRoom.get('x')).toEqual(once);
    expect(store.getCalls().byRoom.size).toBe(1);
    const rm = { v: 1, upserts: [], removed: ['x'] };
    t.publish('calls.active', rm);
    t.publish('calls.active', rm);
    expect(store.getCalls().byRoom.size).toBe(0);
    // a late duplicate of the old upsert does not resurrect a ghost call
    t.publish('calls.active', d);
    expect(store.getCalls().byRoom.size).toBe(0);
    // a new session of the same room does appear
    t.publish('calls.active', { v: 1, upserts: [{ room: 'x', session_id: 's2' }], removed: [] });
    expect(store.getCalls().byRoom.get('x')?.session_id).toBe('s2');
  });

  it('a new session of a listed room replaces the summary instead of merging', async () => {
    t.take('calls.snapshot').resolve({ v: 1, at: 1, calls: [{ room: 'x', session_id: 's1', customer: 'Old', sentiment: 'negative' }] });
    await flush();
    t.publish('calls.active', { v: 1, upserts: [{ room: 'x', session_id: 's2', customer: 'New' }], removed: [] });
    expect(store.getCalls().byRoom.get('x')).toEqual({ room: 'x', session_id: 's2', customer: 'New' });
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

  it('de-duplicates alerts and lets them be dismissed', () => {
    const a = { v: 1, room: 'r', session_id: 's', reason: 'profanity', detail: 'd', seq: 4, at: 9 };
    t.publish('alerts', a);
    t.publish('alerts', a);
    expect(store.getAlerts()).toHaveLength(1);
    store.dismissAlert(store.getAlerts()[0]!.id);
    expect(store.getAlerts()).toHaveLength(0);
  });
});

describe('LiveStore — room late join', () => {
  let t: FakeTransport;
  let store: LiveStore;
  let now = 10_000;
  beforeEach(async () => {
    t = new FakeTransport();
    store = new LiveStore(t, { now: () => now, historyPageSize: 3 });
    store.start();
    t.take('calls.snapshot').resolve({ v: 1, at: 0, calls: [] });
    await flush();
  });

  async function join(lines: LogLine[], opts: Partial<HistoryReply> = {}): Promise<void> {
    store.openRoom(ROOM);
    const req = t.take('call.history');
    expect(req.body).toMatchObject({ room: ROOM, afterSeq: 0 });
    req.resolve(history(lines, opts));
    await flush();
  }

  it('registers call.<room> and .debug before requesting history; buffers deltas until history arrives', async () => {
    store.openRoom(ROOM);
    expect(t.isRegistered(`call.${ROOM}`)).toBe(true);
    expect(t.isRegistered(`call.${ROOM}.debug`)).toBe(true);
    const req = t.take('call.history');
    t.publish(`call.${ROOM}`, delta(2, 4)); // overlaps history
    t.publish(`call.${ROOM}`, delta(4, 5));
    expect(store.getRoom(ROOM)!.lines).toHaveLength(0);
    req.resolve(history([tl(1), tl(2), tl(3)]));
    await flush();
    expect(seqs(store)).toEqual([1, 2, 3, 4, 5]);
    expect(store.getRoom(ROOM)!.heldSeq).toBe(5);
    expect(store.getRoom(ROOM)!.status).toBe('live');
  });

  it('pages history with afterSeq = lastSeq while hasMore', async () => {
    store.openRoom(ROOM);
    t.take('call.history').resolve(history([tl(1), tl(2), tl(3)], { hasMore: true }));
    await flush();
    const p2 = t.take('call.history');
    expect(p2.body).toEqual({ room: ROOM, afterSeq: 3, limit: 3 } satisfies HistoryRequest);
    p2.resolve(history([tl(4), tl(5)]));
    await flush();
    expect(seqs(store)).toEqual([1, 2, 3, 4, 5]);
    expect(t.pendingOn('call.history')).toHaveLength(0);
  });

  it('ignores a duplicate delta and de-duplicates lines by seq', async () => {
    await join([tl(1), tl(2)]);
    const d = delta(2, 4);
    t.publish(`call.${ROOM}`, d);
    t.publish(`call.${ROOM}`, d);
    t.publish(`call.${ROOM}`, delta(1, 3)); // overlapping: only seq 4 would be new, but nothing is
    expect(seqs(store)).toEqual([1, 2, 3, 4]);
    expect(store.getRoom(ROOM)!.stats.duplicates).toBe(2);
    expect(t.pendingOn('call.history')).toHaveLength(0);
  });

  it('applies an overlapping delta by skipping lines already held', async () => {
    await join([tl(1), tl(2), tl(3)]);
    t.publish(`call.${ROOM}`, delta(1, 5));
    expect(seqs(store)).toEqual([1, 2, 3, 4, 5]);
  });

  it('on a gap re-requests history from the held seq, then applies the held-back delta', async () => {
    await join([tl(1), tl(2)]);
    t.publish(`call.${ROOM}`, delta(4, 6)); // 3..4 missing
    const req = t.take('call.history');
    expect(req.body).toMatchObject({ room: ROOM, afterSeq: 2 });
    expect(store.getRoom(ROOM)!.stats.gaps).toBe(1);
    t.publish(`call.${ROOM}`, delta(6, 7)); // buffered during resync
    req.resolve(history([tl(3), tl(4)], { lastSeq: 4 }));
    await flush();
    expect(seqs(store)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(store.getRoom(ROOM)!.status).toBe('live');
  });

  it('handles reordered deltas without losing or duplicating lines', async () => {
    await join([tl(1)]);
    t.publish(`call.${ROOM}`, delta(2, 3)); // arrives before 1..2
    t.publish(`call.${ROOM}`, delta(1, 2));
    const req = t.take('call.history');
    expect(req.body).toMatchObject({ afterSeq: 1 });
    req.resolve(history([tl(2), tl(3)], { lastSeq: 3 }));
    await flush();
    expect(seqs(store)).toEqual([1, 2, 3]);
    t.publish(`call.${ROOM}`, delta(3, 4));
    expect(seqs(store)).toEqual([1, 2, 3, 4]);
  });

  it('merges fields and applies fields-only deltas at the held seq', async () => {
    await join([tl(1)], { snapshot: { room: ROOM, session_id: S1, agent_state: 'listening', customer: 'Ann' } });
    t.publish(`call.${ROOM}`, delta(1, 1, { fields: { agent_state: 'thinking' } }));
    expect(store.getRoom(ROOM)!.fields).toMatchObject({ agent_state: 'thinking', customer: 'Ann' });
  });

  it('drops buffered fields-only deltas already covered by the history snapshot', async () => {
    store.openRoom(ROOM);
    const req = t.take('call.history');
    t.publish(`call.${ROOM}`, delta(2, 2, { fields: { agent_state: 'thinking' } })); // older than the snapshot
    req.resolve(history([tl(1), tl(2)], { snapshot: { agent_state: 'speaking' } }));
    await flush();
    expect(store.getRoom(ROOM)!.fields.agent_state).toBe('speaking');
  });

  it('a different session_id resets the room and reloads history from 0', async () => {
    await join([tl(1), tl(2), tl(3)]);
    t.publish(`call.${ROOM}`, { ...delta(0, 1), session_id: 'sess-2', lines: [tl(1, 'agent', 'new call')] });
    const req = t.take('call.history');
    expect(req.body).toMatchObject({ afterSeq: 3 });
    req.resolve(history([], { session_id: 'sess-2', lastSeq: 3 }));
    await flush();
    const again = t.take('call.history');
    expect(again.body).toMatchObject({ afterSeq: 0 });
    again.resolve(history([tl(1, 'agent', 'new call')], { session_id: 'sess-2' }));
    await flush();
    const r = store.getRoom(ROOM)!;
    expect(r.sessionId).toBe('sess-2');
    expect(r.lines.map((l) => (l as TranscriptLine).text)).toEqual(['new call']);
    expect(r.heldSeq).toBe(1);
  });

  it('ignores buffered deltas of an older session after history names the current one', async () => {
    store.openRoom(ROOM);
    const req = t.take('call.history');
    t.publish(`call.${ROOM}`, { ...delta(5, 6), session_id: 'old' });
    req.resolve(history([tl(1)]));
    await flush();
    expect(seqs(store)).toEqual([1]);
  });

  it('removed:true marks the call ended', async () => {
    await join([tl(1)]);
    t.publish(`call.${ROOM}`, { ...delta(1, 2), removed: true, fields: { status: 'ended' } });
    const r = store.getRoom(ROOM)!;
    expect(r.ended).toBe(true);
    expect(seqs(store)).toEqual([1, 2]);
  });

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

  it('shows the interim and replaces it when its final line arrives', async () => {
    await join([tl(1)]);
    const interim = { role: 'user' as const, text: 'I want to can', segment_id: 'u-2', ts: 1001 };
    t.publish(`call.${ROOM}`, delta(1, 1, { fields: { interim } }));
    expect(store.getRoom(ROOM)!.interim).toMatchObject({ text: 'I want to can', segment_id: 'u-2' });
    // final line arrives (the interim field may be cleared in the same or a later delta)
    t.publish(`call.${ROOM}`, { ...delta(1, 2), lines: [tl(2, 'user', 'I want to cancel', { segment_id: 'u-2' })] });
    expect(store.getRoom(ROOM)!.interim).toBeNull();
    t.publish(`call.${ROOM}`, delta(2, 2, { fields: { interim: '' } }));
    expect(store.getRoom(ROOM)!.interim).toBeNull();
  });

  it('accepts the interim as a JSON text too', async () => {
    await join([tl(1)], { snapshot: { interim: JSON.stringify({ role: 'agent', text: 'Let me', segment_id: 'a-9' }) } });
    expect(store.getRoom(ROOM)!.interim).toMatchObject({ role: 'agent', text: 'Let me' });
  });

  it('attaches annotation sentiment to the referenced user line (history and live)', async () => {
    await join([tl(1), { seq: 2, kind: 'annotation', ts: 1, ref: 1, sentiment: { label: 'negative', score: -0.8, confidence: 0.9 } }]);
    expect(store.getRoom(ROOM)!.sentimentByRef.get(1)).toMatchObject({ label: 'negative' });
    t.publish(`call.${ROOM}`, {
      ...delta(2, 4),
      lines: [tl(3), { seq: 4, kind: 'annotation', ts: 2, ref: 3, sentiment: { label: 'positive', score: 0.6, confidence: 0.7 } }],
    });
    expect(store.getRoom(ROOM)!.sentimentByRef.get(3)).toMatchObject({ label: 'positive', confidence: 0.7 });
    expect(store.getRoom(ROOM)!.sentimentByRef.get(1)).toMatchObject({ label: 'negative' });
  });

  it('keeps the debug stream in a bounded ring', async () => {
    const s = new LiveStore(t, { debugRingSize: 3 });
    s.start();
    s.openRoom('r2');
    for (let i = 0; i < 5; i++) t.publish('call.r2.debug', { type: 'state', from: 'listening', to: 'thinking', ts: i });
    const dbg = s.getRoom('r2')!.debug;
    expect(dbg).toHaveLength(3);
    expect(dbg.map((d) => d.ts)).toEqual([2, 3, 4]);
    expect(dbg[0]!.summary).toBe('listening → thinking');
  });

  it('seeds an empty debug panel from the debug events that come with the history', async () => {
    const s = new LiveStore(t, { debugRingSize: 3 });
    s.start();
    s.openRoom('r3');
    const recent = [0, 1, 2, 3].map((i) => ({ v: 1, room: 'r3', ts: i, data: { type: 'state', from: 'listening', to: 'thinking' } }));
    t.take('call.history').resolve(history([tl(1)], { room: 'r3', debug: recent }));
    await flush();
    const dbg = s.getRoom('r3')!.debug;
    expect(dbg.map((d) => d.ts)).toEqual([1, 2, 3]); // newest kept, ring bound respected
    t.publish('call.r3.debug', { type: 'state', from: 'thinking', to: 'speaking', ts: 9 });
    expect(s.getRoom('r3')!.debug.at(-1)!.ts).toBe(9);
  });

  it('computes the arrival delay of live lines', async () => {
    await join([tl(1)]);
    now = 1002 + 250;
    t.publish(`call.${ROOM}`, delta(1, 2)); // line ts = 1002
    expect(store.getRoom(ROOM)!.stats.lastDelayMs).toBe(250);
    expect(store.getRoom(ROOM)!.stats.deltas).toBe(1);
  });

  it('reports an unknown room (404) as not live', async () => {
    store.openRoom(ROOM);
    const { BusError } = await import('../transport/types');
    t.take('call.history').reject(new BusError(404, 'unknown room'));
    await flush();
    expect(store.getRoom(ROOM)!.status).toBe('error');
    expect(store.getRoom(ROOM)!.ended).toBe(true);
  });

  it('is ref-counted: the room is unregistered when the last user releases it', async () => {
    const r1 = store.openRoom(ROOM);
    const r2 = store.openRoom(ROOM);
    expect(t.pendingOn('call.history')).toHaveLength(1);
    r1();
    expect(t.isRegistered(`call.${ROOM}`)).toBe(true);
    r2();
    expect(t.isRegistered(`call.${ROOM}`)).toBe(false);
    expect(store.getRoom(ROOM)).toBeUndefined();
  });
});
