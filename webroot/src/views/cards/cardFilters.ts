import { asNumber, isEscalated, sentimentLabel } from '../../live/fields';
import { compareBySentiment } from '../../live/sentiment';
import type { CallSummary } from '../../live/types';

export type SortKey = 'sentiment' | 'duration' | 'customer' | 'agent' | 'room';
export interface CardFilter {
  sentiment: 'all' | 'negative' | 'neutral' | 'positive';
  escalatedOnly: boolean;
  language: string; // '' = all
  text: string;
  sort: SortKey;
}

export const DEFAULT_FILTER: CardFilter = { sentiment: 'all', escalatedOnly: false, language: '', text: '', sort: 'sentiment' };

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function filterAndSort(calls: Iterable<CallSummary>, f: CardFilter): CallSummary[] {
  const q = f.text.trim().toLowerCase();
  const out = [...calls].filter((c) => {
    if (f.sentiment !== 'all' && sentimentLabel(c) !== f.sentiment) return false;
    if (f.escalatedOnly && !isEscalated(c)) return false;
    if (f.language && str(c.language) !== f.language) return false;
    if (q && ![c.room, c.customer, c.agent].some((v) => str(v).toLowerCase().includes(q))) return false;
    return true;
  });
  const by: Record<SortKey, (a: CallSummary, b: CallSummary) => number> = {
    sentiment: compareBySentiment,
    duration: (a, b) => (asNumber(a.started_at) ?? Infinity) - (asNumber(b.started_at) ?? Infinity), // longest first
    customer: (a, b) => str(a.customer).localeCompare(str(b.customer)),
    agent: (a, b) => str(a.agent).localeCompare(str(b.agent)),
    room: (a, b) => a.room.localeCompare(b.room),
  };
  return out.sort((a, b) => by[f.sort](a, b) || a.room.localeCompare(b.room));
}

export function languagesOf(calls: Iterable<CallSummary>): string[] {
  const s = new Set<string>();
  for (const c of calls) if (str(c.language)) s.add(str(c.language));
  return [...s].sort();
}
