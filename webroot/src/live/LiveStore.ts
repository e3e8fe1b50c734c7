/**
 * The live store: framework-free state of everything the dashboard shows live, fed only by the
 * event-bus transport. It implements the late-join protocol of docs/architecture.md#deltas-and-late-join:
 *
 *  - calls.active: register → buffer deltas → request calls.snapshot → apply snapshot, then the
 *    buffered deltas → live. List deltas are idempotent merges keyed by room.
 *  - call.<room>: register → buffer → page call.history (afterSeq = lastSeq while hasMore) → apply
 *    buffered deltas with toSeq > lastSeq → live. A gap (fromSeq > held seq) re-requests history
 *    from the held seq; lines are de-duplicated by seq; another session_id resets the room;
 *    removed:true marks the call ended.
 *  - call.<room>.debug: ephemeral, bounded ring per room.
 *  - alerts: toasts.
 *
 * After a reconnect (transport generation change) every subscription is resynced. Snapshots
 * returned by the getters are immutable, so React can read them with useSyncExternalStore.
 */
import { listDeltaVerdict } from './listVersion';
import { BusError, errorMessage, type ConnectionState, type Transport } from '../transport/types';
import { normaliseDebug } from './debug';
import { parseInterim } from './fields';
import type {
  Alert,
  CallFields,
  CallsSnapshot,
  CallSummary,
  DebugEvent,
  HistoryReply,
  HistoryRequest,
  Interim,
  ListDelta,
  LogLine,
  RoomDelta,
  SentimentInfo,
} from './types';

export const ADDR = {
  callsActive: 'calls.active',
  callsSnapshot: 'calls.snapshot',
  callHistory: 'call.history',
  alerts: 'alerts',
  room: (room: string) => `call.${room}`,
  roomDebug: (room: string) => `call.${room}.debug`,
} as const;

export type SyncStatus = 'idle' | 'syncing' | 'live' | 'error';

export interface CallsState {
  status: SyncStatus;
  /** Live calls keyed by room. */
  byRoom: ReadonlyMap<string, CallSummary>;
  /** Time of the last snapshot (server `at`). */
  snapshotAt?: number;
  error?: string;
}

export interface RoomStats {
  /** Deltas received live (not through history). */
  deltas: number;
  /** Duplicate or stale deltas ignored. */
  duplicates: number;
  gaps: number;
  resyncs: number;
  /** Arrival delay (receive time − line ts) of the last live line, ms. */
  lastDelayMs?: number;
  /** Exponential moving average of the arrival delay, ms. */
  avgDelayMs?: number;
  /** Receive timestamps of the last messages (deltas + debug), for a client-side message rate. */
  arrivals: readonly number[];
}

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

export interface AlertEntry extends Alert {
  id: string;
  receivedAt: number;
}

export interface LiveStoreOptions {
  historyPageSize?: number;
  debugRingSize?: number;
  maxAlerts?: number;
  now?: () => number;
  /** Coalesces change notifications (the app passes requestAnimationFrame); default: synchronous. */
  schedule?: (fn: () => void) => void;
}

const ARRIVALS_KEPT = 200;

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
  return {
    room,
    status: 'idle',
    ...freshRoomData(),
    stats: { deltas: 0, duplicates: 0, gaps: 0, resyncs: 0, arrivals: [] },
  };
}

/** Insert lines not yet held (by seq) into an ascending array; returns the new array. */
function mergeLines(existing: readonly LogLine[], seqs: Set<number>, incoming: readonly LogLine[]): LogLine[] {
  const fresh = incoming.filter((l) => typeof l?.seq === 'number' && !seqs.has(l.seq));
  if (fresh.length === 0) return existing as LogLine[];
  const out = existing.slice();
  for (const l of [...fresh].sort((a, b) => a.seq - b.seq)) {
    if (seqs.has(l.seq)) continue;
    seqs.add(l.seq);
    const last = out[out.length - 1];
    if (!last || last.seq < l.seq) {
      out.push(l);
    } else {
      let lo = 0;
      let hi = out.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((out[mid] as LogLine).seq < l.seq) lo = mid + 1;
        else hi = mid;
      }
      out.splice(lo, 0, l);
    }
  }
  return out;
}

/** The interim unless a final transcript line for the same segment (or a later one by the same role) is held. */
export function effectiveInterim(fields: CallFields, lines: readonly LogLine[]): Interim | null {
  const interim = parseInterim(fields.interim);
  if (!interim) return null;
  for (let i = lines.length - 1; i >= 0 && i >= lines.length - 50; i--) {
    const l = lines[i] as LogLine;
    if (l.kind !== 'transcript') continue;
    if (interim.segment_id && l.segment_id === interim.segment_id) return null;
    if (!interim.segment_id && l.role === interim.role && interim.ts !== undefined && l.ts >= interim.ts) return null;
  }
  return interim;
}

export class LiveStore {
  private readonly transport: Transport;
  private readonly pageSize: number;
  private readonly ringSize: number;
  private readonly maxAlerts: number;
  private readonly now: () => number;
  private readonly schedule: (fn: () => void) => void;

  private calls: CallsState = { status: 'idle', byRoom: new Map() };
  private callsBuffer: ListDelta[] = [];
  private callsSyncing = false;
  private callsSyncId = 0;
  /** calls.active version our list is at (listVersion.ts); undefined before a versioned snapshot. */
  private callsVersion: number | undefined;
  /** room → session_id of calls removed since the last snapshot (ignores late duplicate upserts). */
  private tombstones = new Map<string, string | undefined>();

  private readonly rooms = new Map<string, RoomState>();
  private readonly roomSubs = new Map<string, RoomSub>();

  private alerts: readonly AlertEntry[] = [];
  private connection: ConnectionState;
  private lastGeneration = 0;

  private readonly listeners = new Set<() => void>();
  private notifyPending = false;
  private readonly unsubs: Array<() => void> = [];
  private started = false;

  constructor(transport: Transport, opts: LiveStoreOptions = {}) {
    this.transport = transport;
    this.pageSize = opts.historyPageSize ?? 500;
    this.ringSize = opts.debugRingSize ?? 200;
    this.maxAlerts = opts.maxAlerts ?? 50;
    this.now = opts.now ?? Date.now;
    this.schedule = opts.schedule ?? ((fn) => fn());
    this.connection = transport.state();
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  start(): void {
    if (this.started) return;
    this.started = true;
    this.unsubs.push(this.transport.onState((s) => this.onConnection(s)));
    this.unsubs.push(this.transport.subscribe(ADDR.callsActive, (b) => this.onListDelta(b as ListDelta)));
    this.unsubs.push(this.transport.subscribe(ADDR.alerts, (b) => this.onAlert(b as Alert)));
    this.callsSyncing = true;
    this.calls = { ...this.calls, status: 'syncing' };
    this.lastGeneration = this.transport.state().generation;
    if (this.transport.state().status === 'open') void this.syncCalls();
    this.emit();
  }

  stop(): void {
    for (const u of this.unsubs.splice(0)) u();
    for (const room of [...this.roomSubs.keys()]) this.dropRoom(room);
    this.started = false;
  }

  private onConnection(s: ConnectionState): void {
    this.connection = s;
    if (s.status === 'open' && s.generation !== this.lastGeneration) {
      // First open or a reconnect: the transport re-registered our handlers; resync everything.
      this.lastGeneration = s.generation;
      void this.syncCalls();
      for (const room of this.roomSubs.keys()) void this.syncRoom(room, true);
    }
    this.emit();
  }

  // ---- subscription for React -----------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private emit(): void {
    if (this.notifyPending) return;
    this.notifyPending = true;
    this.schedule(() => {
      this.notifyPending = false;
      for (const l of [...this.listeners]) l();
    });
  }

  getCalls = (): CallsState => this.calls;
  getRoom = (room: string): RoomState | undefined => this.rooms.get(room);
  getAlerts = (): readonly AlertEntry[] => this.alerts;
  getConnection = (): ConnectionState => this.connection;

  // ---- calls.active ---------------------------------------------------------------------------

  private async syncCalls(): Promise<void> {
    const id = ++this.callsSyncId;
    this.callsSyncing = true;
    this.calls = { ...this.calls, status: 'syncing', error: undefined };
    this.emit();
    try {
      const snap = await this.transport.request<CallsSnapshot>(ADDR.callsSnapshot, {});
      if (id !== this.callsSyncId) return;
      const byRoom = new Map<string, CallSummary>();
      for (const c of snap?.calls ?? []) if (c && typeof c.room === 'string') byRoom.set(c.room, { ...c });
      this.tombstones = new Map();
      const buffered = this.callsBuffer.splice(0);
      this.callsVersion = typeof snap?.version === 'number' ? snap.version : undefined;
      this.calls = { status: 'live', byRoom, snapshotAt: snap?.at };
      this.callsSyncing = false;
      for (const d of buffered) this.applyListDelta(d);
    } catch (e) {
      if (id !== this.callsSyncId) return;
      this.calls = { ...this.calls, status: 'error', error: errorMessage(e) };
      // Stay in buffering mode; the next (re)connect or retryCalls() resyncs.
    }
    this.emit();
  }

  /** Manual resync of the call list (e.g. after an error). */
  retryCalls(): void {
    void this.syncCalls();
  }

  private onListDelta(d: ListDelta): void {
    if (!d || typeof d !== 'object') return;
    if (this.callsSyncing) {
      this.callsBuffer.push(d);
      return;
    }
    this.applyListDelta(d);
    this.emit();
  }

  private applyListDelta(d: ListDelta): void {
    const verdict = listDeltaVerdict(this.callsVersion, d.version);
    if (verdict === 'drop') return;
    if (verdict === 'resync') {
      // a delta was missed: keep this one for after the new snapshot (dropped there if it has it)
      this.callsBuffer.push(d);
      if (!this.callsSyncing) void this.syncCalls();
      return;
    }
    if (typeof d.version === 'number') this.callsVersion = d.version;
    const upserts = Array.isArray(d.upserts) ? d.upserts : [];
    const removed = Array.isArray(d.removed) ? d.removed : [];
    if (upserts.length === 0 && removed.length === 0) return;
    const byRoom = new Map(this.calls.byRoom);
    for (const u of upserts) {
      if (!u || typeof u.room !== 'string') continue;
      const prev = byRoom.get(u.room);
      if (!prev && this.tombstones.has(u.room)) {
        const gone = this.tombstones.get(u.room);
        // A late duplicate of an upsert for a call already removed: ignore (no ghost calls).
        if (u.session_id === undefined || u.session_id === gone) continue;
        this.tombstones.delete(u.room);
      }
      if (prev && u.session_id && prev.session_id && u.session_id !== prev.session_id) {
        byRoom.set(u.room, { ...u }); // a new session of the same room starts over
      } else {
        byRoom.set(u.room, { ...prev, ...u });
      }
    }
    for (const room of removed) {
      if (typeof room !== 'string') continue;
      const prev = byRoom.get(room);
      if (prev) this.tombstones.set(room, prev.session_id);
      byRoom.delete(room);
    }
    this.calls = { ...this.calls, byRoom };
  }

  // ---- rooms ----------------------------------------------------------------------------------

  /** Start following a room (ref-counted). Returns the release function. */
  openRoom(room: string): () => void {
    let sub = this.roomSubs.get(room);
    if (sub) {
      sub.refs++;
    } else {
      sub = { refs: 1, unsubs: [], buffer: [], syncing: true, syncId: 0, seqs: new Set(), debugCounter: 0 };
      this.roomSubs.set(room, sub);
      this.rooms.set(room, { ...emptyRoom(room), status: 'syncing' });
      // Register first, then request history: deltas arriving meanwhile are buffered.
      sub.unsubs.push(this.transport.subscribe(ADDR.room(room), (b) => this.onRoomDelta(room, b as RoomDelta)));
      sub.unsubs.push(this.transport.subscribe(ADDR.roomDebug(room), (b) => this.onDebug(room, b)));
      if (this.transport.state().status === 'open') void this.syncRoom(room, false);
      this.emit();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const s = this.roomSubs.get(room);
      if (!s) return;
      s.refs--;
      if (s.refs <= 0) this.dropRoom(room);
    };
  }

  private dropRoom(room: string): void {
    const s = this.roomSubs.get(room);
    if (!s) return;
    for (const u of s.unsubs) u();
    s.syncId++;
    this.roomSubs.delete(room);
    this.rooms.delete(room);
    this.emit();
  }

  /** Manual resync of a room (e.g. after an error). */
  resyncRoom(room: string): void {
    if (this.roomSubs.has(room)) void this.syncRoom(room, true);
  }

  private setRoom(room: string, patch: Partial<RoomState>): RoomState | undefined {
    const prev = this.rooms.get(room);
    if (!prev) return undefined;
    const next = { ...prev, ...patch };
    this.rooms.set(room, next);
    this.emit();
    return next;
  }

  private resetRoomData(room: string, sub: RoomSub): void {
    sub.seqs = new Set();
    const prev = this.rooms.get(room);
    this.setRoom(room, { ...freshRoomData(), stats: { ...(prev?.stats ?? emptyRoom(room).stats) } });
  }

  /**
   * Pages call.history from the held seq (0 on first join), then applies the buffered deltas.
   * `resync` counts it in the stats.
   */
  private async syncRoom(room: string, resync: boolean): Promise<void> {
    const sub = this.roomSubs.get(room);
    if (!sub) return;
    const id = ++sub.syncId;
    sub.syncing = true;
    const start = this.rooms.get(room);
    if (!start) return;
    this.setRoom(room, {
      status: 'syncing',
      error: undefined,
      stats: resync ? { ...start.stats, resyncs: start.stats.resyncs + 1 } : start.stats,
    });
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
      // Keep buffering; a reconnect or resyncRoom() retries.
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
    const t = this.now();
    const debug = seed
      .map((body) => normaliseDebug(body, ++sub.debugCounter, t))
      .filter((ev): ev is DebugEvent => ev !== null)
      .slice(-this.ringSize);
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
    const sub = this.roomSubs.get(room);
    if (!sub || !d || typeof d !== 'object') return;
    if (d.room && d.room !== room) return;
    const cur = this.rooms.get(room);
    if (cur) {
      const t = this.now();
      this.setRoom(room, {
        stats: { ...cur.stats, arrivals: [...cur.stats.arrivals.slice(-(ARRIVALS_KEPT - 1)), t] },
      });
    }
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
      void this.syncRoom(room, true);
      return false;
    }
    const fieldsOnly = fromSeq === toSeq;
    const stale = fieldsOnly ? toSeq < cur.heldSeq : toSeq <= cur.heldSeq;
    if (stale && d.removed !== true) {
      this.setRoom(room, { stats: { ...cur.stats, duplicates: cur.stats.duplicates + 1 } });
      return true;
    }
    if (fromSeq > cur.heldSeq) {
      // Gap: ask history for what we miss; keep this delta for after.
      sub.buffer.push(d);
      this.setRoom(room, { stats: { ...cur.stats, gaps: cur.stats.gaps + 1 } });
      void this.syncRoom(room, true);
      return false;
    }
    const incoming = (Array.isArray(d.lines) ? d.lines : []).filter((l) => l && l.seq > cur.heldSeq);
    const lines = mergeLines(cur.lines, sub.seqs, incoming);
    const seeded = annotationSeed(incoming);
    const sentimentByRef = seeded.length > 0 ? new Map([...cur.sentimentByRef, ...seeded]) : cur.sentimentByRef;
    const fields: CallFields = stale ? cur.fields : { ...cur.fields, ...(d.fields ?? {}) };
    let stats = cur.stats;
    if (live) {
      stats = { ...stats, deltas: stats.deltas + 1 };
      const t = this.now();
      const lastTs = [...incoming].reverse().find((l) => typeof l.ts === 'number')?.ts;
      if (lastTs !== undefined) {
        const delay = Math.max(0, t - lastTs);
        stats.lastDelayMs = delay;
        stats.avgDelayMs = stats.avgDelayMs === undefined ? delay : stats.avgDelayMs * 0.8 + delay * 0.2;
      }
    }
    this.setRoom(room, {
      sessionId: cur.sessionId ?? d.session_id ?? null,
      fields,
      lines,
      heldSeq: Math.max(cur.heldSeq, toSeq),
      sentimentByRef,
      interim: effectiveInterim(fields, lines),
      ended: cur.ended || d.removed === true || fields.status === 'ended',
      stats,
    });
    return true;
  }

  // ---- debug ----------------------------------------------------------------------------------

  private onDebug(room: string, body: unknown): void {
    const sub = this.roomSubs.get(room);
    const cur = this.rooms.get(room);
    if (!sub || !cur) return;
    const t = this.now();
    const ev = normaliseDebug(body, ++sub.debugCounter, t);
    if (!ev) return;
    const debug = cur.debug.length >= this.ringSize ? [...cur.debug.slice(cur.debug.length - this.ringSize + 1), ev] : [...cur.debug, ev];
    this.setRoom(room, {
      debug,
      stats: { ...cur.stats, arrivals: [...cur.stats.arrivals.slice(-(ARRIVALS_KEPT - 1)), t] },
    });
  }

  // ---- alerts ---------------------------------------------------------------------------------

  private onAlert(a: Alert): void {
    if (!a || typeof a.room !== 'string') return;
    const id = `${a.room}|${a.session_id}|${a.seq}|${a.reason}`;
    if (this.alerts.some((x) => x.id === id)) return; // at-least-once
    const entry: AlertEntry = { ...a, id, receivedAt: this.now() };
    this.alerts = [entry, ...this.alerts].slice(0, this.maxAlerts);
    this.emit();
  }

  dismissAlert(id: string): void {
    const next = this.alerts.filter((a) => a.id !== id);
    if (next.length !== this.alerts.length) {
      this.alerts = next;
      this.emit();
    }
  }
}

function annotationSeed(lines: readonly LogLine[]): Array<[number, SentimentInfo]> {
  const out: Array<[number, SentimentInfo]> = [];
  for (const l of lines) if (l.kind === 'annotation' && typeof l.ref === 'number' && l.sentiment) out.push([l.ref, l.sentiment]);
  return out;
}
