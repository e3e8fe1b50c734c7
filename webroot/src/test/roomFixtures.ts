/** Log lines, history replies and room deltas for the tests of room sync. */
import { expect } from 'vitest';
import { flush, type FakeTransport } from './FakeTransport';
import type { HistoryReply, LogLine, RoomDelta, TranscriptLine } from '../live/types';

export const ROOM = 'call-1';
export const S1 = 'sess-1';

export function tl(seq: number, role: 'user' | 'agent' | 'supervisor' = 'user', text = `line ${seq}`, extra: Partial<TranscriptLine> = {}): LogLine {
  return { seq, kind: 'transcript', ts: 1000 + seq, role, text, ...extra };
}

export function history(lines: LogLine[], opts: Partial<HistoryReply> = {}): HistoryReply {
  const lastSeq = lines.length ? (lines[lines.length - 1] as LogLine).seq : 0;
  return { v: 1, room: ROOM, session_id: S1, snapshot: { room: ROOM, session_id: S1, status: 'active' }, lines, lastSeq, hasMore: false, ...opts };
}

export function delta(fromSeq: number, toSeq: number, extra: Partial<RoomDelta> = {}): RoomDelta {
  const lines: LogLine[] = [];
  for (let s = fromSeq + 1; s <= toSeq; s++) lines.push(tl(s));
  return { v: 1, room: ROOM, session_id: S1, fromSeq, toSeq, lines, fields: {}, ...extra };
}

/** Opens ROOM with `open` and answers its first history request (from seq 0) with these lines. */
export async function joinRoom(t: FakeTransport, open: (room: string) => unknown, lines: LogLine[], opts: Partial<HistoryReply> = {}): Promise<void> {
  open(ROOM);
  const req = t.take('call.history');
  expect(req.body).toMatchObject({ room: ROOM, afterSeq: 0 });
  req.resolve(history(lines, opts));
  await flush();
}
