/**
 * Every event-bus address the dashboard uses, in one place. They mirror
 * modules/contract/src/main/java/io/switchboard/contract/Addresses.java, and addresses.test.ts reads
 * that file and fails when a value here differs from it (or when an address here has no Java twin).
 * Code elsewhere in src/ names addresses only through this module.
 */

/** Supervisor actions served by the control verticle (Addresses.CONTROL_*), keyed by action. */
export const CONTROL_ADDRESS = {
  listen: 'control.listen',
  guide: 'control.guide',
  takeover: 'control.takeover',
  handback: 'control.handback',
  transfer: 'control.transfer',
  end: 'control.end',
} as const;

export type ControlAction = keyof typeof CONTROL_ADDRESS;

export const ADDR = {
  /** publish: list deltas of live calls (Addresses.CALLS_ACTIVE). */
  callsActive: 'calls.active',
  /** request: the live call list (Addresses.CALLS_SNAPSHOT). */
  callsSnapshot: 'calls.snapshot',
  /** request: a room's history pages (Addresses.CALL_HISTORY). */
  callHistory: 'call.history',
  /** publish: escalation alerts (Addresses.ALERTS). */
  alerts: 'alerts',
  /** request: KPI queries (Addresses.ANALYTICS_QUERY). */
  analyticsQuery: 'analytics.query',
  /** request: search the call archive (Addresses.ARCHIVE_SEARCH). */
  archiveSearch: 'archive.search',
  /** request: one archived call for review (Addresses.ARCHIVE_CALL). */
  archiveCall: 'archive.call',
  /** publish: room deltas (Addresses.call(room)). */
  room: (room: string) => `call.${room}`,
  /** publish: a room's ephemeral debug events (Addresses.callDebug(room)). */
  roomDebug: (room: string) => `call.${room}.debug`,
  control: CONTROL_ADDRESS,
} as const;
