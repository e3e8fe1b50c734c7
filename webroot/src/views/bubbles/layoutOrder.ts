/**
 * Re-layout pacing for the bubble view. The sorted fill means one sentiment change can shift every
 * later bubble by one slot; applied on every delta, hundreds of bubbles would be in motion all the
 * time (costly, and impossible to click). So the full re-sort happens at most once per interval;
 * in between, slots are kept: an ended call leaves a hole, a new call takes the first hole (or the
 * next free slot). Colours, pulses and badges still update live.
 */
export type Slots = ReadonlyArray<string | null>;

export function keepSlots(prev: Slots, live: ReadonlySet<string>, sortedNow: readonly string[]): Array<string | null> {
  const out: Array<string | null> = prev.map((r) => (r !== null && live.has(r) ? r : null));
  const placed = new Set(out.filter((r): r is string => r !== null));
  for (const room of sortedNow) {
    if (placed.has(room)) continue;
    const hole = out.indexOf(null);
    if (hole >= 0) out[hole] = room;
    else out.push(room);
    placed.add(room);
  }
  while (out.length > 0 && out[out.length - 1] === null) out.pop();
  return out;
}
