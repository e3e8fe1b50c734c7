/**
 * Client-side statistics of one followed room: how many deltas came live, how many were duplicates
 * or revealed a gap, how often the room resynced, and how late lines arrive. Pure functions over
 * an immutable value, so a RoomState snapshot can hold it.
 */
import type { LogLine } from './types';

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

/** How many arrival timestamps are kept (enough for a rate over the last seconds). */
export const ARRIVALS_KEPT = 200;

export function emptyStats(): RoomStats {
  return { deltas: 0, duplicates: 0, gaps: 0, resyncs: 0, arrivals: [] };
}

/** One more counted event of the given kind. */
export function counted(stats: RoomStats, counter: 'duplicates' | 'gaps' | 'resyncs'): RoomStats {
  return { ...stats, [counter]: stats[counter] + 1 };
}

/** A message (delta or debug event) received at `t`; keeps the last ARRIVALS_KEPT. */
export function withArrival(stats: RoomStats, t: number): RoomStats {
  return { ...stats, arrivals: [...stats.arrivals.slice(-(ARRIVALS_KEPT - 1)), t] };
}

/** A delta applied live at `t` with these new lines: counts it and updates the arrival delay. */
export function withLiveDelta(stats: RoomStats, incoming: readonly LogLine[], t: number): RoomStats {
  const next: RoomStats = { ...stats, deltas: stats.deltas + 1 };
  const lastTs = [...incoming].reverse().find((l) => typeof l.ts === 'number')?.ts;
  if (lastTs !== undefined) {
    const delay = Math.max(0, t - lastTs);
    next.lastDelayMs = delay;
    next.avgDelayMs = next.avgDelayMs === undefined ? delay : next.avgDelayMs * 0.8 + delay * 0.2;
  }
  return next;
}
