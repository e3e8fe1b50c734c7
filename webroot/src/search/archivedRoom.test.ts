import { describe, expect, it } from 'vitest';
import { archivedRoomState } from './archivedRoom';

const T = Date.parse('2026-10-01T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

const call = {
  room: 'billing-7',
  session_id: 's-1',
  agent: 'agent-a',
  customer: '[phone]',
  language: 'en',
  started_at: iso(T),
  ended_at: iso(T + 60_000),
  end_reason: 'completed',
  sentiment: 'negative',
  sentiment_score: -0.6,
  transcript: [
    { seq: 2, ts: T + 1_000, role: 'agent', text: 'How can I help?' },
    { seq: 4, ts: T + 10_000, role: 'user', text: 'I want a refund on my [card]' },
    { seq: 7, ts: T + 30_000, role: 'agent', text: 'Let me check.' },
  ],
  sentiment_timeline: [{ seq: 4, label: 'negative', score: -0.6, at: T + 10_001 }],
  escalations: [{ reasons: ['human_requested'], ref: 4, at: T + 10_002 }],
  rule_firings: [{ rule_id: 'r1', name: 'refund demand', seq: 4, at: T + 10_003, severity: 'warning' }],
  takeovers: [{ by: 'sup', at: iso(T + 20_000), duration_ms: 5_000 }],
  guides: [],
};

describe('archivedRoomState', () => {
  it('puts alerts, rule firings and supervisor actions on the timeline by time, transcript seqs kept', () => {
    const s = archivedRoomState({ call, audit: [] });
    expect(s.ended).toBe(true);
    expect(s.heldSeq).toBe(7);
    expect(s.lines.map((l) => l.kind)).toEqual(['transcript', 'transcript', 'escalation', 'lifecycle', 'supervisor', 'transcript', 'lifecycle']);
    expect(s.lines.filter((l) => l.kind === 'transcript').map((l) => l.seq)).toEqual([2, 4, 7]);
    expect(new Set(s.lines.map((l) => l.seq)).size).toBe(s.lines.length);
    expect(s.sentimentByRef.get(4)?.label).toBe('negative');
    expect(s.fields.started_at).toBe(T);
    expect(s.fields.sentiment).toBe('negative');
  });

  it('prefers the audit log for supervisor actions, failures included', () => {
    const s = archivedRoomState({
      call,
      audit: [
        { who: 'sam', action: 'guide', args: { text: 'offer a voucher' }, result: 'ok', at: iso(T + 15_000) },
        { who: 'sam', action: 'transfer', result: 'failed', message: 'no target', at: iso(T + 40_000) },
      ],
    });
    const sup = s.lines.filter((l) => l.kind === 'supervisor');
    expect(sup.map((l) => [l.by, l.action, l.text, l.result])).toEqual([
      ['sam', 'guide', 'offer a voucher', undefined],
      ['sam', 'transfer', undefined, 'failed: no target'],
    ]);
  });

  it('tolerates a document without rules, sentiment or transcript', () => {
    const s = archivedRoomState({ call: { room: 'r', started_at: iso(T), ended_at: iso(T) }, audit: [] });
    expect(s.lines.map((l) => l.kind)).toEqual(['lifecycle']);
    expect(s.sentimentByRef.size).toBe(0);
  });
});
