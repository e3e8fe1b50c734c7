/**
 * calls.active deltas carry the list version they bring the list to, and calls.snapshot the version it
 * already reflects (docs/event-bus.md#calls-active-versions). Given the version our list is at:
 *  - 'drop'   the delta is not newer (it raced the snapshot, or is a duplicate): the list already has it;
 *  - 'apply'  it is the next one;
 *  - 'resync' one or more deltas in between were missed: ask for a new snapshot.
 * Unversioned deltas (older servers, or Redis unreachable when it was published) are applied as before.
 */
export type ListDeltaVerdict = 'apply' | 'drop' | 'resync';

export function listDeltaVerdict(listVersion: number | undefined, deltaVersion: number | undefined): ListDeltaVerdict {
  if (typeof deltaVersion !== 'number' || typeof listVersion !== 'number') return 'apply';
  if (deltaVersion <= listVersion) return 'drop';
  return deltaVersion === listVersion + 1 ? 'apply' : 'resync';
}
