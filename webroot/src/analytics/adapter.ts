/**
 * analytics.query adapter — the ONE place that knows the wire shape of KPI queries and results
 * (contract: io.switchboard.contract.analytics.KpiQuery / KpiResult / KpiStats).
 *
 * Request: {v:1, from, to, bucket, agent?, language?, tz?}  (from/to epoch millis, bucket hour|day|week,
 *          tz an IANA zone: buckets and busiest hours are local to it)
 * Result:  {v, query, totals: KpiStats, buckets: [{key, start, ...KpiStats}]}
 * KpiStats: {calls, aht_ms, att_ms, completion_rate, transfer_rate, takeover_rate, escalation_rate,
 *            sentiment_avg, sentiment_scored, sentiment_labels:{negative, neutral, positive, unknown},
 *            end_reasons:{…}, calls_by_hour:[24 counts], demo_calls (generated demo history, 0 otherwise)}
 * Rates are fractions 0…1 or null when there were no calls; start is an ISO string.
 */
import { ADDR } from '../transport/addresses';
import type { Transport } from '../transport/types';

export type Bucket = 'hour' | 'day' | 'week';

export interface AnalyticsQuery {
  from: number;
  to: number;
  bucket: Bucket;
  agent?: string;
  language?: string;
  tz?: string;
}

export interface SentimentMix {
  avg: number | null;
  negative: number;
  neutral: number;
  positive: number;
}

export interface Kpis {
  volume: number;
  /** calls of the generated demo history (scripts/run on an empty archive) */
  demoCalls: number;
  ahtMs: number | null;
  attMs: number | null;
  completionRate: number | null;
  transferRate: number | null;
  takeoverRate: number | null;
  escalationRate: number | null;
  sentiment: SentimentMix;
}

export interface KpiBucket extends Kpis {
  start: number;
}

export interface AnalyticsResult {
  buckets: KpiBucket[];
  totals: Kpis;
  busiestHours: Array<{ hour: number; volume: number }>;
}

export function toRequest(q: AnalyticsQuery): Record<string, unknown> {
  const body: Record<string, unknown> = { v: 1, from: q.from, to: q.to, bucket: q.bucket };
  if (q.agent) body.agent = q.agent;
  if (q.language) body.language = q.language;
  if (q.tz) body.tz = q.tz;
  return body;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function rate(v: unknown): number | null {
  const n = num(v);
  if (n === null) return null;
  return n > 1 ? n / 100 : n;
}

function time(v: unknown): number {
  const n = num(v);
  if (n !== null) return n;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return t;
  }
  return 0;
}

function kpis(raw: unknown): Kpis {
  const o = obj(raw);
  const s = obj(o.sentiment_labels);
  return {
    volume: num(o.calls) ?? 0,
    demoCalls: num(o.demo_calls) ?? 0,
    ahtMs: num(o.aht_ms),
    attMs: num(o.att_ms),
    completionRate: rate(o.completion_rate),
    transferRate: rate(o.transfer_rate),
    takeoverRate: rate(o.takeover_rate),
    escalationRate: rate(o.escalation_rate),
    sentiment: { avg: num(o.sentiment_avg), negative: num(s.negative) ?? 0, neutral: num(s.neutral) ?? 0, positive: num(s.positive) ?? 0 },
  };
}

export function adaptResult(raw: unknown): AnalyticsResult {
  const o = obj(raw);
  const buckets = (Array.isArray(o.buckets) ? o.buckets : []).map((b) => ({ ...kpis(b), start: time(obj(b).start) })).sort((a, b) => a.start - b.start);
  const byHour = obj(o.totals).calls_by_hour;
  const busiestHours = (Array.isArray(byHour) ? byHour : []).map((n, hour) => ({ hour, volume: num(n) ?? 0 }));
  return { buckets, totals: kpis(o.totals), busiestHours };
}

export async function queryAnalytics(transport: Transport, q: AnalyticsQuery): Promise<AnalyticsResult> {
  return adaptResult(await transport.request<unknown>(ADDR.analyticsQuery, toRequest(q), 30_000));
}
