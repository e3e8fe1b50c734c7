import type { DebugEvent } from './types';

function obj(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function short(v: unknown, max = 120): string {
  let s: string;
  try {
    s = typeof v === 'string' ? v : JSON.stringify(v);
  } catch {
    s = String(v);
  }
  if (s === undefined) return '';
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * A room's debug stream is ephemeral (call.<room>.debug is not stored): the dashboard keeps the last
 * `size` events per room in a ring, seeded on late join by the recent events that come with history.
 */
export function appendDebug(ring: readonly DebugEvent[], ev: DebugEvent, size: number): DebugEvent[] {
  return ring.length >= size ? [...ring.slice(ring.length - size + 1), ev] : [...ring, ev];
}

/**
 * The ring a late joiner starts with: the newest `size` of the debug events sent with history, in
 * the order they happened. The server's ring is written by several Redis connections, so two events
 * close together can sit in it swapped; each carries its `ts`, and equal times keep their order.
 */
export function seedDebug(bodies: readonly unknown[], nextId: () => number, receivedAt: number, size: number): DebugEvent[] {
  return bodies
    .map((body) => normaliseDebug(body, nextId(), receivedAt))
    .filter((ev): ev is DebugEvent => ev !== null)
    .sort((a, b) => a.ts - b.ts)
    .slice(-size);
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * Normalises one message of call.<room>.debug. The contract fixes only that these are the agent's
 * debug events (seed: state transitions, tool calls with args/results, hand-offs, LLM TTFT and total
 * latency, STT/TTS metrics, RAG results, external API calls). Accepted shapes (ASSUMPTION):
 *  - the agent event as ingested: {event_type, ts, data:{type?, ...}}
 *  - a flat event: {type | event | kind, ts?, ...fields}
 *  - either wrapped as {event: {...}}
 */
export function normaliseDebug(body: unknown, id: number, receivedAt: number): DebugEvent | null {
  let o = obj(body);
  if (!o) return null;
  if (obj(o.event)) o = obj(o.event) as Record<string, unknown>;
  const inner = obj(o.data);
  const data: Record<string, unknown> = inner ? { ...inner } : { ...o };
  const typeRaw = inner?.type ?? o.type ?? o.event ?? o.kind ?? (o.event_type !== 'debug' ? o.event_type : undefined) ?? 'debug';
  const type = String(typeRaw);
  const ts = num(o.ts) ?? num(inner?.ts) ?? num(o.at) ?? receivedAt;
  return { id, ts, receivedAt, type, summary: summarise(type, data), data };
}

export function summarise(type: string, d: Record<string, unknown>): string {
  const t = type.toLowerCase();
  if (t.includes('state')) {
    const from = d.from ?? d.old_state ?? d.previous;
    const to = d.to ?? d.new_state ?? d.state;
    if (from !== undefined && to !== undefined) return `${String(from)} → ${String(to)}`;
    if (to !== undefined) return `→ ${String(to)}`;
  }
  if (t.includes('tool') || t.includes('function')) {
    const name = d.name ?? d.tool ?? d.function ?? 'tool';
    const parts = [`${String(name)}(${d.args !== undefined ? short(d.args, 60) : ''})`];
    if (d.result !== undefined) parts.push(`→ ${short(d.result, 60)}`);
    if (num(d.duration_ms) !== undefined) parts.push(`${Math.round(num(d.duration_ms) as number)} ms`);
    return parts.join(' ');
  }
  const metrics: string[] = [];
  for (const [k, label] of [
    ['ttft_ms', 'TTFT'],
    ['llm_ttft_ms', 'TTFT'],
    ['ttft', 'TTFT'],
    ['total_ms', 'total'],
    ['latency_ms', 'latency'],
    ['stt_ms', 'STT'],
    ['stt_latency_ms', 'STT'],
    ['tts_ms', 'TTS'],
    ['tts_ttfb_ms', 'TTS TTFB'],
    ['duration_ms', 'duration'],
    ['tokens', 'tokens'],
  ] as const) {
    const v = num(d[k]);
    if (v !== undefined) metrics.push(`${label} ${k === 'tokens' ? v : `${Math.round(v)} ms`}`);
  }
  if (metrics.length > 0) return metrics.join(' · ');
  if (typeof d.message === 'string') return short(d.message);
  if (typeof d.text === 'string') return short(d.text);
  const rest = { ...d };
  delete rest.type;
  delete rest.ts;
  return short(rest);
}
