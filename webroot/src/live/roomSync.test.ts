import { beforeEach, describe, expect, it } from 'vitest';
import { FakeTransport, flush } from '../test/FakeTransport';
import { delta, history, joinRoom, ROOM, S1, tl } from '../test/roomFixtures';
import { RoomSync } from './roomSync';
import type { HistoryReply, HistoryRequest, LogLine, TranscriptLine } from './types';

const seqs = (rooms: RoomSync) => rooms.get(ROOM)!.lines.map((l) => l.seq);

describe('RoomSync — room late join', () => {
  let t: FakeTransport;
  let rooms: RoomSync;
  let now = 10_000;
  beforeEach(() => {
    t = new FakeTransport();
    rooms = new RoomSync(t, { now: () => now, historyPageSize: 3 }, () => {});
  });

  const join = (lines: LogLine[], opts: Partial<HistoryReply> = {}) => joinRoom(t, (r) => rooms.open(r), lines, opts);

  it('registers call.<room> and .debug before requesting history; buffers deltas until history arrives', async () => {
    rooms.open(ROOM);
    expect(t.isRegistered(`call.${ROOM}`)).toBe(true);
    expect(t.isRegistered(`call.${ROOM}.debug`)).toBe(true);
    const req = t.take('call.history');
    t.publish(`call.${ROOM}`, delta(2, 4)); // overlaps history
    t.publish(`call.${ROOM}`, delta(4, 5));
    expect(rooms.get(ROOM)!.lines).toHaveLength(0);
    req.resolve(history([tl(1), tl(2), tl(3)]));
    await flush();
    expect(seqs(rooms)).toEqual([1, 2, 3, 4, 5]);
    expect(rooms.get(ROOM)!.heldSeq).toBe(5);
    expect(rooms.get(ROOM)!.status).toBe('live');
  });

  it('pages history with afterSeq = lastSeq while hasMore', async () => {
    rooms.open(ROOM);
    t.take('call.history').resolve(history([tl(1), tl(2), tl(3)], { hasMore: true }));
    await flush();
    const p2 = t.take('call.history');
    expect(p2.body).toEqual({ room: ROOM, afterSeq: 3, limit: 3 } satisfies HistoryRequest);
    p2.resolve(history([tl(4), tl(5)]));
    await flush();
    expect(seqs(rooms)).toEqual([1, 2, 3, 4, 5]);
    expect(t.pendingOn('call.history')).toHaveLength(0);
  });

  it('ignores a duplicate delta and de-duplicates lines by seq', async () => {
    await join([tl(1), tl(2)]);
    const d = delta(2, 4);
    t.publish(`call.${ROOM}`, d);
    t.publish(`call.${ROOM}`, d);
    t.publish(`call.${ROOM}`, delta(1, 3)); // overlapping: only seq 4 would be new, but nothing is
    expect(seqs(rooms)).toEqual([1, 2, 3, 4]);
    expect(rooms.get(ROOM)!.stats.duplicates).toBe(2);
    expect(t.pendingOn('call.history')).toHaveLength(0);
  });

  it('applies an overlapping delta by skipping lines already held', async () => {
    await join([tl(1), tl(2), tl(3)]);
    t.publish(`call.${ROOM}`, delta(1, 5));
    expect(seqs(rooms)).toEqual([1, 2, 3, 4, 5]);
  });

  it('on a gap re-requests history from the held seq, then applies the held-back delta', async () => {
    await join([tl(1), tl(2)]);
    t.publish(`call.${ROOM}`, delta(4, 6)); // 3..4 missing
    const req = t.take('call.history');
    expect(req.body).toMatchObject({ room: ROOM, afterSeq: 2 });
    expect(rooms.get(ROOM)!.stats.gaps).toBe(1);
    t.publish(`call.${ROOM}`, delta(6, 7)); // buffered during resync
    req.resolve(history([tl(3), tl(4)], { lastSeq: 4 }));
    await flush();
    expect(seqs(rooms)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rooms.get(ROOM)!.status).toBe('live');
  });

  it('handles reordered deltas without losing or duplicating lines', async () => {
    await join([tl(1)]);
    t.publish(`call.${ROOM}`, delta(2, 3)); // arrives before 1..2
    t.publish(`call.${ROOM}`, delta(1, 2));
    const req = t.take('call.history');
    expect(req.body).toMatchObject({ afterSeq: 1 });
    req.resolve(history([tl(2), tl(3)], { lastSeq: 3 }));
    await flush();
    expect(seqs(rooms)).toEqual([1, 2, 3]);
    t.publish(`call.${ROOM}`, delta(3, 4));
    expect(seqs(rooms)).toEqual([1, 2, 3, 4]);
  });

  it('merges fields and applies fields-only deltas at the held seq', async () => {
    await join([tl(1)], { snapshot: { room: ROOM, session_id: S1, agent_state: 'listening', customer: 'Ann' } });
    t.publish(`call.${ROOM}`, delta(1, 1, { fields: { agent_state: 'thinking' } }));
    expect(rooms.get(ROOM)!.fields).toMatchObject({ agent_state: 'thinking', customer: 'Ann' });
  });

  it('drops buffered fields-only deltas already covered by the history snapshot', async () => {
    rooms.open(ROOM);
    const req = t.take('call.history');
    t.publish(`call.${ROOM}`, delta(2, 2, { fields: { agent_state: 'thinking' } })); // older than the snapshot
    req.resolve(history([tl(1), tl(2)], { snapshot: { agent_state: 'speaking' } }));
    await flush();
    expect(rooms.get(ROOM)!.fields.agent_state).toBe('speaking');
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
    const r = rooms.get(ROOM)!;
    expect(r.sessionId).toBe('sess-2');
    expect(r.lines.map((l) => (l as TranscriptLine).text)).toEqual(['new call']);
    expect(r.heldSeq).toBe(1);
  });

  it('ignores buffered deltas of an older session after history names the current one', async () => {
    rooms.open(ROOM);
    const req = t.take('call.history');
    t.publish(`call.${ROOM}`, { ...delta(5, 6), session_id: 'old' });
    req.resolve(history([tl(1)]));
    await flush();
    expect(seqs(rooms)).toEqual([1]);
  });

  it('removed:true marks the call ended', async () => {
    await join([tl(1)]);
    t.publish(`call.${ROOM}`, { ...delta(1, 2), removed: true, fields: { status: 'ended' } });
    const r = rooms.get(ROOM)!;
    expect(r.ended).toBe(true);
    expect(seqs(rooms)).toEqual([1, 2]);
  });

  it('shows the interim and replaces it when its final line arrives', async () => {
    await join([tl(1)]);
    const interim = { role: 'user' as const, text: 'I want to can', segment_id: 'u-2', ts: 1001 };
    t.publish(`call.${ROOM}`, delta(1, 1, { fields: { interim } }));
    expect(rooms.get(ROOM)!.interim).toMatchObject({ text: 'I want to can', segment_id: 'u-2' });
    // final line arrives (the interim field may be cleared in the same or a later delta)
    t.publish(`call.${ROOM}`, { ...delta(1, 2), lines: [tl(2, 'user', 'I want to cancel', { segment_id: 'u-2' })] });
    expect(rooms.get(ROOM)!.interim).toBeNull();
    t.publish(`call.${ROOM}`, delta(2, 2, { fields: { interim: '' } }));
    expect(rooms.get(ROOM)!.interim).toBeNull();
  });

  it('accepts the interim as a JSON text too', async () => {
    await join([tl(1)], { snapshot: { interim: JSON.stringify({ role: 'agent', text: 'Let me', segment_id: 'a-9' }) } });
    expect(rooms.get(ROOM)!.interim).toMatchObject({ role: 'agent', text: 'Let me' });
  });

  it('attaches annotation sentiment to the referenced user line (history and live)', async () => {
    await join([tl(1), { seq: 2, kind: 'annotation', ts: 1, ref: 1, sentiment: { label: 'negative', score: -0.8, confidence: 0.9 } }]);
    expect(rooms.get(ROOM)!.sentimentByRef.get(1)).toMatchObject({ label: 'negative' });
    t.publish(`call.${ROOM}`, {
      ...delta(2, 4),
      lines: [tl(3), { seq: 4, kind: 'annotation', ts: 2, ref: 3, sentiment: { label: 'positive', score: 0.6, confidence: 0.7 } }],
    });
    expect(rooms.get(ROOM)!.sentimentByRef.get(3)).toMatchObject({ label: 'positive', confidence: 0.7 });
    expect(rooms.get(ROOM)!.sentimentByRef.get(1)).toMatchObject({ label: 'negative' });
  });

  it('reports an unknown room (404) as not live', async () => {
    rooms.open(ROOM);
    const { BusError } = await import('../transport/types');
    t.take('call.history').reject(new BusError(404, 'unknown room'));
    await flush();
    expect(rooms.get(ROOM)!.status).toBe('error');
    expect(rooms.get(ROOM)!.ended).toBe(true);
  });

  it('is ref-counted: the room is unregistered when the last user releases it', async () => {
    const r1 = rooms.open(ROOM);
    const r2 = rooms.open(ROOM);
    expect(t.pendingOn('call.history')).toHaveLength(1);
    r1();
    expect(t.isRegistered(`call.${ROOM}`)).toBe(true);
    r2();
    expect(t.isRegistered(`call.${ROOM}`)).toBe(false);
    expect(rooms.get(ROOM)).toBeUndefined();
  });
});
