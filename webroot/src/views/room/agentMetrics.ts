/**
 * The agent's last metrics event (the call's {@code metrics} field: stage timings in ms, see the
 * contract's schemas/data/metrics.json) as labelled rows. Ingest adds {@code ts} (when the turn
 * was measured): that is not a metric and shows as the "measured" time, never as a raw epoch number.
 */

/** Known metrics, in pipeline order, with the label a supervisor reads. */
const KNOWN: ReadonlyArray<[string, string]> = [
  ['stt_ms', 'Speech to text'],
  ['llm_ttft_ms', 'LLM first token'],
  ['llm_total_ms', 'LLM total'],
  ['tts_ttfb_ms', 'TTS first audio'],
  ['tts_ms', 'TTS total'],
  ['e2e_ms', 'Turn end to end'],
  ['tokens', 'Tokens'],
];
/** Fields of the metrics object that are bookkeeping, not measurements. */
const NOT_METRICS = new Set(['ts', 'v', 'room', 'session_id', 'event_id', 'turn', 'turn_id']);
const MAX_ROWS = 10;

export interface AgentMetrics {
  rows: Array<[label: string, value: string]>;
  /** epoch ms of the measured turn, when known */
  measuredAt: number | null;
}

function parse(m: unknown): Record<string, unknown> | null {
  let o: unknown = m;
  if (typeof o === 'string') {
    try {
      o = JSON.parse(o);
    } catch {
      return null;
    }
  }
  return o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : null;
}

function value(key: string, v: number | string): string {
  if (typeof v === 'string') return v;
  if (key.endsWith('_ms')) return `${Math.round(v)} ms`;
  return String(Math.round(v * 100) / 100);
}

export function agentMetrics(raw: unknown): AgentMetrics {
  const o = parse(raw);
  if (!o) return { rows: [], measuredAt: null };
  const ts = typeof o.ts === 'number' && Number.isFinite(o.ts) && o.ts > 0 ? o.ts : null;
  const rows: Array<[string, string]> = [];
  for (const [key, label] of KNOWN) {
    const v = o[key];
    if (typeof v === 'number' || typeof v === 'string') rows.push([label, value(key, v)]);
  }
  const known = new Set(KNOWN.map(([k]) => k));
  for (const [key, v] of Object.entries(o)) {
    if (known.has(key) || NOT_METRICS.has(key) || key.endsWith('_at')) continue;
    if (typeof v === 'number' || typeof v === 'string') rows.push([key.replace(/_/g, ' '), value(key, v)]);
  }
  return { rows: rows.slice(0, MAX_ROWS), measuredAt: ts };
}
