import type { AnalyticsQuery, AnalyticsResult } from '../../analytics/adapter';

/**
 * Why an analytics view or chart has nothing to show, in words a supervisor understands — or null
 * when there is data. An empty chart never just says "no data": it says which range and filter
 * found no archived call, or which part of the calls is missing (e.g. no sentiment scores).
 */

function day(t: number): string {
  return new Date(t).toLocaleDateString([], { month: 'short', day: 'numeric', year: 'numeric' });
}

/** "Nov 24, 2026 – Dec 1, 2026" (one date when the range is one day). */
export function rangeText(q: Pick<AnalyticsQuery, 'from' | 'to'>): string {
  const a = day(q.from);
  const b = day(q.to);
  return a === b ? a : `${a} – ${b}`;
}

/** The whole range is empty: no archived call matched range and filters. */
export function rangeEmptyReason(result: AnalyticsResult, q: AnalyticsQuery): string | null {
  if (result.totals.volume > 0) return null;
  const filters = [q.agent ? `agent ${q.agent}` : '', q.language ? `language ${q.language}` : ''].filter(Boolean);
  const what = filters.length > 0 ? `no archived calls for ${filters.join(' and ')}` : 'no archived calls';
  return `${what[0]!.toUpperCase()}${what.slice(1)} in this range (${rangeText(q)}). Calls appear here once they have ended and been archived.`;
}

/** A line chart's series have no value at all (e.g. every bucket without calls). */
export function seriesEmptyReason(series: ReadonlyArray<{ values: ReadonlyArray<number | null> }>, missing: string): string | null {
  return series.some((s) => s.values.some((v) => v !== null)) ? null : missing;
}

/** A bar chart's parts sum to zero in every bucket. */
export function barsEmptyReason(parts: ReadonlyArray<{ values: readonly number[] }>, missing: string): string | null {
  return parts.some((p) => p.values.some((v) => v > 0)) ? null : missing;
}
