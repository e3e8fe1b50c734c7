import type { CallFields, Interim, SentimentLabel } from './types';

/** Tolerant JSON-field reader: the backend sends parsed JSON, but a raw JSON text is accepted too. */
function maybeParse(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (t === '') return null;
  if (t[0] !== '{' && t[0] !== '[') return v;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return v;
  }
}

/** The interim field as an object, or null when empty/none. */
export function parseInterim(v: unknown): Interim | null {
  const p = maybeParse(v);
  if (!p || typeof p !== 'object' || Array.isArray(p)) return null;
  const o = p as Record<string, unknown>;
  if (typeof o.text !== 'string' || o.text === '') return null;
  const role = o.role === 'agent' || o.role === 'supervisor' ? o.role : 'user';
  const out: Interim = { role, text: o.text };
  if (typeof o.segment_id === 'string') out.segment_id = o.segment_id;
  if (typeof o.ts === 'number') out.ts = o.ts;
  return out;
}

/** JSON-array fields (escalation, listeners, viewers) as strings. Objects become their id/name/user. */
export function asStringArray(v: unknown): string[] {
  const p = maybeParse(v);
  if (!Array.isArray(p)) return typeof p === 'string' && p !== '' ? [p] : [];
  return p
    .map((x: unknown) => {
      if (typeof x === 'string') return x;
      if (x && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        for (const k of ['user', 'id', 'name', 'identity', 'reason']) if (typeof o[k] === 'string') return o[k];
      }
      return x == null ? '' : String(x);
    })
    .filter((s) => s !== '');
}

export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function sentimentLabel(f: CallFields): SentimentLabel {
  const s = f.sentiment;
  return s === 'negative' || s === 'positive' ? s : 'neutral';
}

export function isEscalated(f: CallFields): boolean {
  return asStringArray(f.escalation).length > 0;
}

/** Someone is speaking: the agent is in state speaking or an utterance is in progress. */
export function isSpeaking(f: CallFields): boolean {
  return f.agent_state === 'speaking' || parseInterim(f.interim) !== null;
}
