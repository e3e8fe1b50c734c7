import { asStringArray } from '../live/fields';
import type { CallFields } from '../live/types';

/** The tags rules put on a call (call field `tags`, a JSON array). */
export function callTags(f: CallFields): string[] {
  return asStringArray(f.tags);
}

/** What a rule suggests the supervisor do (call field `suggestion`: {text, rule_id, seq}). */
export interface Suggestion {
  text: string;
  ruleId?: string;
  seq?: number;
}

export function parseSuggestion(v: unknown): Suggestion | null {
  let p: unknown = v;
  if (typeof v === 'string') {
    if (v.trim() === '') return null;
    try {
      p = JSON.parse(v) as unknown;
    } catch {
      return { text: v };
    }
  }
  if (!p || typeof p !== 'object' || Array.isArray(p)) return null;
  const o = p as Record<string, unknown>;
  if (typeof o.text !== 'string' || o.text === '') return null;
  const out: Suggestion = { text: o.text };
  if (typeof o.rule_id === 'string') out.ruleId = o.rule_id;
  if (typeof o.seq === 'number') out.seq = o.seq;
  return out;
}
