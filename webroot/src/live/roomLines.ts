/**
 * A room's log as the dashboard holds it: lines in ascending seq with no duplicates (deltas are
 * delivered at least once and overlap history), the sentiment annotations keyed by the line they
 * annotate, and the interim utterance until its final line arrives.
 */
import { parseInterim } from './fields';
import type { CallFields, Interim, LogLine, SentimentInfo } from './types';

/** Insert lines not yet held (by seq) into an ascending array; returns the new array. */
export function mergeLines(existing: readonly LogLine[], seqs: Set<number>, incoming: readonly LogLine[]): LogLine[] {
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

/** The sentiment annotations among these lines, as [ref, sentiment] pairs. */
export function annotationSeed(lines: readonly LogLine[]): Array<[number, SentimentInfo]> {
  const out: Array<[number, SentimentInfo]> = [];
  for (const l of lines) if (l.kind === 'annotation' && typeof l.ref === 'number' && l.sentiment) out.push([l.ref, l.sentiment]);
  return out;
}
