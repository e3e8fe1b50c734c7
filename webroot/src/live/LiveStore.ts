/**
 * The live store: framework-free state of everything the dashboard shows live, fed only by the
 * event-bus transport (docs/architecture.md#deltas-and-late-join). It composes one part per concern
 * and owns what they share: the connection, the lifecycle and the change notifications.
 *
 *  - callList.ts: calls.active + calls.snapshot (the call list)
 *  - roomSync.ts: call.<room> + call.history (snapshot, deltas, late join, seq dedup; roomLines.ts)
 *  - debug.ts: call.<room>.debug (normalised, bounded ring per room)
 *  - alerts.ts: alerts (toasts)
 *  - roomStats.ts: per-room client statistics
 *
 * After a reconnect (transport generation change) every subscription is resynced. Snapshots
 * returned by the getters are immutable, so React can read them with useSyncExternalStore.
 */
import type { ConnectionState, Transport } from '../transport/types';
import { AlertFeed, type AlertEntry } from './alerts';
import { CallList, type CallsState } from './callList';
import { RoomSync, type RoomState } from './roomSync';

export type { AlertEntry } from './alerts';
export type { CallsState, SyncStatus } from './callList';
export type { RoomState } from './roomSync';
export type { RoomStats } from './roomStats';

export interface LiveStoreOptions {
  historyPageSize?: number;
  debugRingSize?: number;
  maxAlerts?: number;
  now?: () => number;
  /** Coalesces change notifications (the app passes requestAnimationFrame); default: synchronous. */
  schedule?: (fn: () => void) => void;
}

export class LiveStore {
  private readonly transport: Transport;
  private readonly schedule: (fn: () => void) => void;
  private readonly calls: CallList;
  private readonly rooms: RoomSync;
  private readonly alerts: AlertFeed;

  private connection: ConnectionState;
  private lastGeneration = 0;

  private readonly listeners = new Set<() => void>();
  private notifyPending = false;
  private readonly unsubs: Array<() => void> = [];
  private started = false;

  constructor(transport: Transport, opts: LiveStoreOptions = {}) {
    this.transport = transport;
    this.schedule = opts.schedule ?? ((fn) => fn());
    const now = opts.now ?? Date.now;
    const changed = () => this.emit();
    this.calls = new CallList(transport, changed);
    this.rooms = new RoomSync(transport, { historyPageSize: opts.historyPageSize, debugRingSize: opts.debugRingSize, now }, changed);
    this.alerts = new AlertFeed(opts.maxAlerts ?? 50, now, changed);
    this.connection = transport.state();
  }

  // ---- lifecycle ------------------------------------------------------------------------------

  start(): void {
    if (this.started) return;
    this.started = true;
    this.unsubs.push(this.transport.onState((s) => this.onConnection(s)));
    this.unsubs.push(this.calls.listen());
    this.unsubs.push(this.alerts.listen(this.transport));
    this.lastGeneration = this.transport.state().generation;
    if (this.transport.state().status === 'open') void this.calls.sync();
    this.emit();
  }

  stop(): void {
    for (const u of this.unsubs.splice(0)) u();
    this.rooms.dropAll();
    this.started = false;
  }

  private onConnection(s: ConnectionState): void {
    this.connection = s;
    if (s.status === 'open' && s.generation !== this.lastGeneration) {
      // First open or a reconnect: the transport re-registered our handlers; resync everything.
      this.lastGeneration = s.generation;
      void this.calls.sync();
      this.rooms.resyncAll();
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

  getCalls = (): CallsState => this.calls.get();
  getRoom = (room: string): RoomState | undefined => this.rooms.get(room);
  getAlerts = (): readonly AlertEntry[] => this.alerts.get();
  getConnection = (): ConnectionState => this.connection;

  // ---- actions --------------------------------------------------------------------------------

  /** Manual resync of the call list (e.g. after an error). */
  retryCalls(): void {
    void this.calls.sync();
  }

  /** Start following a room (ref-counted). Returns the release function. */
  openRoom(room: string): () => void {
    return this.rooms.open(room);
  }

  /** Manual resync of a room (e.g. after an error). */
  resyncRoom(room: string): void {
    this.rooms.resync(room);
  }

  dismissAlert(id: string): void {
    this.alerts.dismiss(id);
  }
}
