/**
 * Following rooms (docs/architecture.md#deltas-and-late-join): call.<room>: register → buffer →
 * page call.history (afterSeq = lastSeq while hasMore) → apply buffered deltas with
 * toSeq > lastSeq → live. A gap (fromSeq > held seq) re-requests history from the held seq; lines
 * are de-duplicated by seq; another session_id resets the room; removed:true marks the call ended.
 * call.<room>.debug is registered with it and kept in a bounded ring (debug.ts).
 */
import { ADDR } from '../transport/addresses';
import { BusError, errorMessage, type Transport } from '../transport/types';
import type { SyncStatus } from './callList';
import { appendDebug, normaliseDebug, seedDebug } from './debug';
import { annotationSeed, effectiveInterim, mergeLines } from './roomLines';
import { counted, emptyStats, withArrival, withLiveDelta, type RoomStats } from './roomStats';
import type { CallFields, DebugEvent, HistoryReply, HistoryRequest, Interim, LogLine, RoomDelta, SentimentInfo } from './types';

export interface RoomState {
  room: string;
  status: SyncStatus;
  error?: string;
  sessionId: string | null;
  fields: CallFields;
  /** Log lines, ascending seq, no duplicates. */
  lines: readonly LogLine[];
  /** Highest seq held (all seqs up to it are held). */
  heldSeq: number;
  /** Sentiment annotations by the seq of the line they annotate. */
  sentimentByRef: ReadonlyMap<number, SentimentInfo>;
  /** The utterance in progress, null once its final line arrived. */
  interim: Interim | null;
  /** removed:true received: the call ended and its live state is gone. */
  ended: boolean;
  debug: readonly DebugEvent[];
  stats: RoomStats;
}

export interface RoomSyncOptions {
  historyPageSize?: number;
  debugRingSize?: number;
  now?: () => number;
}

interface RoomSub {
  refs: number;
  unsubs: Array<() => void>;
  buffer: RoomDelta[];
  syncing: boolean;
  /** Incremented by every new sync; replies of older syncs are ignored. */
  syncId: number;
  seqs: Set<number>;
  debugCounter: number;
}

/** A room's data before any history: what a new room starts with and a session change resets to. */
function freshRoomData(): Pick<RoomState, 'sessionId' | 'fields' | 'lines' | 'heldSeq' | 'sentimentByRef' | 'interim' | 'ended' | 'debug'> {
  return { sessionId: null, fields: {}, lines: [], heldSeq: 0, sentimentByRef: new Map(), interim: null, ended: false, debug: [] };
}

function emptyRoom(room: string): RoomState {
  return { room, status: 'idle', ...freshRoomData(), stats: emptyStats() };
}

export class RoomSync {
  private readonly pageSize: number;
  private readonly ringSize: number;
  private readonly now: () => number;
  private readonly rooms = new Map<string, RoomState>();
  private readonly subs = new Map<string, RoomSub>();

  constructor(
    private readonly transport: Transport,
    opts: RoomSyncOptions,
    private readonly changed: () => void,
  ) {
    this.pageSize = opts.historyPageSize ?? 500;
    this.ringSize = opts.debugRingSize ?? 200;
    this.now = opts.now ?? Date.now;
  }

  get = (room: string): RoomState | undefined => this.rooms.get(room);

  /** Start following a room (ref-counted). Returns the release function. */
  open(room: string): () => void {
    let sub = this.subs.get(room);
    if (sub) {
      sub.refs++;
    } else {
      sub = { refs: 1, unsubs: [], buffer: [], syncing: true, syncId: 0, seqs: new Set(), debugCounter: 0 };
      this.subs.set(room, sub);
      this.rooms.set(room, { ...emptyRoom(room), status: 'syncing' });
      // Register first, then request history: deltas arriving meanwhile are buffered.
      sub.unsubs.push(this.transport.subscribe(ADDR.room(room), (b) => this.onRoomDelta(room, b as RoomDelta)));
      sub.unsubs.push(this.transport.subscribe(ADDR.roomDebug(room), (b) => this.onDebug(room, b)));
      if (this.transport.state().status === 'open') void this.sync(room, false);
      this.changed();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const s = this.subs.get(room);
      if (!s) return;
      s.refs--;
      if (s.refs <= 0) this.drop(room);
    };
  }

  /** Stops following every room. */
  dropAll(): void {
    for (const room of [...this.subs.keys()]) this.drop(room);
  }

  private drop(room: string): void {
    const s = this.subs.get(room);
    if (!s) return;
    for (const u of s.unsubs) u();
    s.syncId++;
    this.subs.delete(room);
    this.rooms.delete(room);
    this.changed();
  }

  /** Resyncs one followed room (e.g. after an error). */
  resync(room: string): void {
    if (this.subs.has(room)) void this.sync(room, true);
  }

  /** Resyncs every followed room (after a reconnect). */
  resyncAll(): void {
    for (const room of this.subs.keys()) void this.sync(room, true);
  }

  private setRoom(room: string, patch: Partial<RoomState>): RoomState | undefined {
    const prev = this.rooms.get(room);
    if (!prev) return undefined;
    const next = { ...prev, ...patch };
    this.rooms.set(room, next);
    this.changed();
    return next;
  }

  private resetRoomData(room: string, sub: RoomSub): void {
    sub.seqs = new Set();
    const prev = this.rooms.get(room);
    this.setRoom(room, { ...freshRoomData(), stats: { ...(prev?.stats ?? emptyStats()) } });
  }

  /**
   * Pages call.history from the held seq (0 on first join), then applies the buffered deltas.
   * `resync` counts it in the stats.
   */
  private async sync(room: string, resync: boolean): Promise<void> {
    const sub = this.subs.get(room);
    if (!sub) return;
    const id = ++sub.syncId;
    sub.syncing = true;
    const start = this.rooms.get(room);
    if (!start) return;
    this.setRoom(room, { status: 'syncing', error: undefined, stats: resync ? counted(start.stats, 'resyncs') : start.stats });
    let afterSeq = start.heldSeq;
    let restarted = false;
    try {
      for (;;) {
        const req: HistoryRequest = { room, afterSeq, limit: this.pageSize };
        const reply = await this.transport.request<HistoryReply>(ADDR.callHistory, req);
        if (id !== sub.syncId) return; // superseded
        const cur = this.rooms.get(room);
        if (!cur) return;
        if (cur.sessionId !== null && reply.session_id && reply.session_id !== cur.sessionId) {
          // Another session of this room: start over from the beginning.
          this.resetRoomData(room, sub);
          if (afterSeq !== 0 && !restarted) {
            restarted = true;
            afterSeq = 0;
            continue;
          }
        }
        this.applyHistoryPage(room, sub, reply);
        const after = this.rooms.get(room);
        const lastSeq = typeof reply.lastSeq === 'number' ? reply.lastSeq : afterSeq;
        if (reply.hasMore && lastSeq > afterSeq) {
          afterSeq = lastSeq;
          continue;
        }
        // Live: apply buffered deltas newer than what history gave.
        sub.syncing = false;
        const buffered = sub.buffer.splice(0);
        this.setRoom(room, { status: 'live' });
        const held = after?.heldSeq ?? lastSeq;
        for (let i = 0; i < buffered.length; i++) {
          const d = buffered[i] as RoomDelta;
          const r = this.rooms.get(room);
          if (!r) return;
          if (d.session_id && r.sessionId && d.session_id !== r.sessionId) continue; // other session
          if (d.toSeq <= held && !(d.removed === true)) continue; // already covered by history
          if (!this.applyRoomDelta(room, sub, d, false)) {
            // A gap started a new sync: keep the rest for after it.
            sub.buffer.push(...buffered.slice(i + 1));
            return;
          }
        }
        return;
      }
    } catch (e) {
      if (id !== sub.syncId) return;
      const gone = e instanceof BusError && (e.code === 404 || e.code === 410);
      this.setRoom(room, {
        status: 'error',
        error: gone ? 'This call is not live any more (not found).' : errorMessage(e),
        ended: gone ? true : (this.rooms.get(room)?.ended ?? false),
      });
      // Keep buffering; a reconnect or resync() retries.
    }
  }

  private applyHistoryPage(room: string, sub: RoomSub, reply: HistoryReply): void {
    const cur = this.rooms.get(room);
    if (!cur) return;
    const incoming = Array.isArray(reply.lines) ? reply.lines : [];
    const lines = mergeLines(cur.lines, sub.seqs, incoming);
    const sentimentByRef = new Map([...cur.sentimentByRef, ...annotationSeed(incoming)]);
    const fields: CallFields = { ...cur.fields, ...(reply.snapshot ?? {}) };
    const lastSeq = Math.max(cur.heldSeq, typeof reply.lastSeq === 'number' ? reply.lastSeq : 0, lines.at(-1)?.seq ?? 0);
    // a late joiner gets the agent's recent debug events with the history; once live events
    // have arrived they are newer, so the seed is only used for an empty panel
    const seed = cur.debug.length === 0 && Array.isArray(reply.debug) ? reply.debug : [];
    const debug = seedDebug(seed, () => ++sub.debugCounter, this.now(), this.ringSize);
    this.setRoom(room, {
      ...(debug.length > 0 ? { debug } : {}),
      sessionId: reply.session_id ?? cur.sessionId,
      fields,
      lines,
      heldSeq: lastSeq,
      sentimentByRef,
      interim: effectiveInterim(fields, lines),
      ended: cur.ended || fields.status === 'ended',
    });
  }

  private onRoomDelta(room: string, d: RoomDelta): void {
    const sub = this.subs.get(room);
    if (!sub || !d || typeof d !== 'object') return;
    if (d.room && d.room !== room) return;
    const cur = this.rooms.get(room);
    if (cur) this.setRoom(room, { stats: withArrival(cur.stats, this.now()) });
    if (sub.syncing) {
      sub.buffer.push(d);
      return;
    }
    this.applyRoomDelta(room, sub, d, true);
  }

  /**
   * Applies one delta to a live room. Returns false when it triggered a resync (gap or new session).
   */
  private applyRoomDelta(room: string, sub: RoomSub, d: RoomDelta, live: boolean): boolean {
    const cur = this.rooms.get(room);
    if (!cur) return false;
    const fromSeq = Number(d.fromSeq ?? 0);
    const toSeq = Number(d.toSeq ?? fromSeq);

    if (d.session_id && cur.sessionId && d.session_id !== cur.sessionId) {
      // A new session of this room: history is authoritative about which one is current.
      sub.buffer.push(d);
      void this.sync(room, true);
      return false;
    }
    const fieldsOnly = fromSeq === toSeq;
    const stale = fieldsOnly ? toSeq < cur.heldSeq : toSeq <= cur.heldSeq;
    if (stale && d.removed !== true) {
      this.setRoom(room, { stats: counted(cur.stats, 'duplicates') });
      return true;
    }
    if (fromSeq > cur.heldSeq) {
      // Gap: ask history for what we miss; keep this delta for after.
      sub.buffer.push(d);
      this.setRoom(room, { stats: counted(cur.stats, 'gaps') });
      void this.sync(room, true);
      return false;
    }
    const incoming = (Array.isArray(d.lines) ? d.lines : []).filter((l) => l && l.seq > cur.heldSeq);
    const lines = mergeLines(cur.lines, sub.seqs, incoming);
    const seeded = annotationSeed(incoming);
    const sentimentByRef = seeded.length > 0 ? new Map([...cur.sentimentByRef, ...seeded]) : cur.sentimentByRef;
    const fields: CallFields = stale ? cur.fields : { ...cur.fields, ...(d.fields ?? {}) };
    this.setRoom(room, {
      sessionId: cur.sessionId ?? d.session_id ?? null,
      fields,
      lines,
      heldSeq: Math.max(cur.heldSeq, toSeq),
      sentimentByRef,
      interim: effectiveInterim(fields, lines),
      ended: cur.ended || d.removed === true || fields.status === 'ended',
      stats: live ? withLiveDelta(cur.stats, incoming, this.now()) : cur.stats,
    });
    return true;
  }

  private onDebug(room: string, body: unknown): void {
    const sub = this.subs.get(room);
    const cur = this.rooms.get(room);
    if (!sub || !cur) return;
    const t = this.now();
    const ev = normaliseDebug(body, ++sub.debugCounter, t);
    if (!ev) return;
    this.setRoom(room, { debug: appendDebug(cur.debug, ev, this.ringSize), stats: withArrival(cur.stats, t) });
  }
}
