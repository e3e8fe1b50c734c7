import { describe, expect, it } from 'vitest';
import { agentMetrics } from './agentMetrics';

describe('agentMetrics', () => {
  it('shows labelled timings in pipeline order and keeps ts out of the rows', () => {
    const ts = Date.UTC(2026, 11, 1, 19, 0, 5);
    const m = agentMetrics(JSON.stringify({ e2e_ms: 1830.4, stt_ms: 212, llm_ttft_ms: 340, ts, tts_ms: 900 }));
    expect(m.rows).toEqual([
      ['Speech to text', '212 ms'],
      ['LLM first token', '340 ms'],
      ['TTS total', '900 ms'],
      ['Turn end to end', '1830 ms'],
    ]);
    expect(m.rows.some(([, v]) => v.includes(String(ts)))).toBe(false);
    expect(m.measuredAt).toBe(ts);
  });

  it('keeps unknown measurements, drops bookkeeping fields', () => {
    const m = agentMetrics({ rag_ms: 41, provider: 'scripted', ts: 5, updated_at: 7, session_id: 's' });
    expect(m.rows).toEqual([
      ['rag ms', '41 ms'],
      ['provider', 'scripted'],
    ]);
  });

  it('nothing to show for garbage', () => {
    expect(agentMetrics('not json')).toEqual({ rows: [], measuredAt: null });
    expect(agentMetrics(undefined)).toEqual({ rows: [], measuredAt: null });
    expect(agentMetrics([1, 2])).toEqual({ rows: [], measuredAt: null });
  });
});
