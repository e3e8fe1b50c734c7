/**
 * The live call list (docs/architecture.md#deltas-and-late-join): register on calls.active →
 * buffer deltas → request calls.snapshot → apply the snapshot, then the buffered deltas → live.
 * List deltas are idempotent merges keyed by room; a removed call leaves a tombstone so a late
 * duplicate upsert does not bring back a ghost.
 */
import { ADDR } from '../transport/addresses';
import { errorMessage, type Transport } from '../transport/types';
import { listDeltaVerdict } from './listVersion';
import type { CallsSnapshot, CallSummary, ListDelta } from './types';

export type SyncStatus = 'idle' | 'syncing' | 'live' | 'error';

export interface CallsState {
  status: SyncStatus;
  /** Live calls keyed by room. */
  byRoom: ReadonlyMap<string, CallSummary>;
  /** Time of the last snapshot (server `at`). */
  snapshotAt?: number;
  error?: string;
}

export class CallList {
  private calls: CallsState = { status: 'idle', byRoom: new Map() };
  private buffer: ListDelta[] = [];
  private syncing = false;
  /** Incremented by every new sync; replies of older syncs are ignored. */
  private syncId = 0;
  /** room → session_id of calls removed since the last snapshot (ignores late duplicate upserts). */
  private tombstones = new Map<string, string | undefined>();
  /** calls.active version our list is at (listVersion.ts); undefined before a versioned snapshot. */
  private version: number | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly changed: () => void,
  ) {}

  get = (): CallsState => this.calls;

  /** Subscribes to calls.active and starts buffering until a snapshot; returns the unsubscribe function. */
  listen(): () => void {
    const unsub = this.transport.subscribe(ADDR.callsActive, (b) => this.onDelta(b as ListDelta));
    this.syncing = true;
    this.calls = { ...this.calls, status: 'syncing' };
    return unsub;
  }

  /** Requests a snapshot, then applies the deltas buffered meanwhile. */
  async sync(): Promise<void> {
    const id = ++this.syncId;
    this.syncing = true;
    this.calls = { ...this.calls, status: 'syncing', error: undefined };
    this.changed();
    try {
      const snap = await this.transport.request<CallsSnapshot>(ADDR.callsSnapshot, {});
      if (id !== this.syncId) return;
      const byRoom = new Map<string, CallSummary>();
      for (const c of snap?.calls ?? []) if (c && typeof c.room === 'string') byRoom.set(c.room, { ...c });
      this.tombstones = new Map();
      const buffered = this.buffer.splice(0);
      this.version = typeof snap?.version === 'number' ? snap.version : undefined;
      this.calls = { status: 'live', byRoom, snapshotAt: snap?.at };
      this.syncing = false;
      for (const d of buffered) this.apply(d);
    } catch (e) {
      if (id !== this.syncId) return;
      this.calls = { ...this.calls, status: 'error', error: errorMessage(e) };
      // Stay in buffering mode; the next (re)connect or a retry resyncs.
    }
    this.changed();
  }

  private onDelta(d: ListDelta): void {
    if (!d || typeof d !== 'object') return;
    if (this.syncing) {
      this.buffer.push(d);
      return;
    }
    this.apply(d);
    this.changed();
  }

  private apply(d: ListDelta): void {
    const verdict = listDeltaVerdict(this.version, d.version);
    if (verdict === 'drop') return;
    if (verdict === 'resync') {
      // a delta was missed: keep this one for after the new snapshot (dropped there if it has it)
      this.buffer.push(d);
      if (!this.syncing) void this.sync();
      return;
    }
    if (typeof d.version === 'number') this.version = d.version;
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
}
