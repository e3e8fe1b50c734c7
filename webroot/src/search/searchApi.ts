/**
 * The ONLY file that knows the shapes of `archive.search` and `archive.call` (docs/event-bus.md,
 * contract CallSearchQuery). Requests go over the bridge like every other dashboard request.
 */
import { ADDR } from '../transport/addresses';
import type { Transport } from '../transport/types';

export const PAGE_SIZE = 20;

export interface SearchFilters {
  q: string;
  agent: string;
  language: string;
  sentiment: string;
  tag: string;
  rule: string;
  /** yyyy-mm-dd (local day) or '' */
  from: string;
  to: string;
  /** minutes, as typed */
  minMinutes: string;
  maxMinutes: string;
}

export const EMPTY_FILTERS: SearchFilters = {
  q: '',
  agent: '',
  language: '',
  sentiment: '',
  tag: '',
  rule: '',
  from: '',
  to: '',
  minMinutes: '',
  maxMinutes: '',
};

export interface Snippet {
  seq: number;
  role?: string;
  ts?: number;
  text: string;
  /** [start, end) UTF-16 offsets into text */
  marks: Array<[number, number]>;
}

export interface SearchHit {
  call_id: string;
  room: string;
  session_id: string;
  agent?: string | null;
  customer?: string | null;
  language?: string | null;
  started_at: string;
  ended_at?: string;
  duration_ms?: number;
  sentiment?: string | null;
  sentiment_score?: number | null;
  end_reason?: string | null;
  tags: string[];
  rules: string[];
  escalated: boolean;
  took_over: boolean;
  demo?: boolean;
  snippets: Snippet[];
}

export interface SearchPage {
  items: SearchHit[];
  next_cursor: string | null;
  total?: number | null;
  mode: string;
  terms?: string[];
}

/** One archived call (`archive.call` reply): the archive document and its audit records. */
export interface ArchivedCall {
  call: Record<string, unknown>;
  audit: Array<Record<string, unknown>>;
}

function dayStart(day: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function nextDayStart(day: string): string | undefined {
  const s = dayStart(day);
  if (!s) return undefined;
  const d = new Date(s);
  d.setDate(d.getDate() + 1);
  return d.toISOString();
}

/** The request body for the filters (only what is set); `to` includes the whole chosen day. */
export function searchBody(f: SearchFilters, cursor?: string | null, limit = PAGE_SIZE): Record<string, unknown> {
  const body: Record<string, unknown> = { v: 1, limit };
  const text = (k: keyof SearchFilters) => f[k].trim();
  for (const k of ['q', 'agent', 'language', 'rule'] as const) if (text(k)) body[k] = text(k);
  if (text('sentiment')) body.sentiment = [text('sentiment')];
  if (text('tag')) body.tag = text('tag').split(',').map((t) => t.trim()).filter(Boolean);
  const from = dayStart(text('from'));
  const to = nextDayStart(text('to'));
  if (from) body.from = from;
  if (to) body.to = to;
  const minutes = (s: string) => (s && Number.isFinite(Number(s)) ? Math.round(Number(s) * 60) : undefined);
  const min = minutes(text('minMinutes'));
  const max = minutes(text('maxMinutes'));
  if (min !== undefined) body.min_duration = min;
  if (max !== undefined) body.max_duration = max;
  if (cursor) body.cursor = cursor;
  return body;
}

/** True when no filter is set (a search then lists the newest calls). */
export function noFilters(f: SearchFilters): boolean {
  return Object.values(f).every((v) => v.trim() === '');
}

export function searchCalls(transport: Transport, f: SearchFilters, cursor?: string | null): Promise<SearchPage> {
  return transport.request<SearchPage>(ADDR.archiveSearch, searchBody(f, cursor), 15_000);
}

export function fetchArchivedCall(transport: Transport, callId: string): Promise<ArchivedCall> {
  return transport.request<ArchivedCall>(ADDR.archiveCall, { call_id: callId }, 15_000);
}
