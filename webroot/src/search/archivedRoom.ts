/**
 * An archived call as the room view's state: the same Transcript and header components show it,
 * with the call's sentiment per line, its escalation alerts, rule firings and supervisor actions
 * placed on the timeline by time. Nothing here subscribes to anything: the call is over.
 */
import type { RoomState } from '../live/LiveStore';
import type { CallFields, LogLine, SentimentInfo } from '../live/types';
import type { ArchivedCall } from './searchApi';

type Doc = Record<string, unknown>;

function ms(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? 0 : t;
  }
  return 0;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function list(v: unknown): Doc[] {
  return Array.isArray(v) ? v.filter((x): x is Doc => typeof x === 'object' && x !== null) : [];
}

interface Placed {
  ts: number;
  order: number;
  line: Omit<LogLine, 'seq'> & { seq?: number };
}

export function archivedRoomState(a: ArchivedCall): RoomState {
  const c = a.call;
  const room = str(c.room) ?? '';
  const placed: Placed[] = [];
  let order = 0;
  const put = (ts: number, line: Placed['line']) => placed.push({ ts, order: order++, line });

  const tsBySeq = new Map<number, number>();
  for (const t of list(c.transcript)) {
    const seq = Number(t.seq);
    const ts = ms(t.ts);
    tsBySeq.set(seq, ts);
    put(ts, { kind: 'transcript', seq, ts, role: (str(t.role) ?? 'user') as 'user', text: str(t.text) ?? '' } as LogLine);
  }
  const sentimentByRef = new Map<number, SentimentInfo>();
  for (const s of list(c.sentiment_timeline)) {
    const label = str(s.label);
    if (label) sentimentByRef.set(Number(s.seq), { label, score: typeof s.score === 'number' ? s.score : undefined });
  }
  for (const e of list(c.escalations)) {
    const ref = Number(e.ref);
    const reasons = Array.isArray(e.reasons) ? e.reasons.map(String) : [];
    put(tsBySeq.get(ref) ?? ms(e.at), { kind: 'escalation', ts: ms(e.at), reasons, ref } as LogLine);
  }
  for (const f of list(c.rule_firings)) {
    const seq = Number(f.seq);
    const name = str(f.name) ?? str(f.rule_id) ?? 'rule';
    put(tsBySeq.get(seq) ?? ms(f.at), { kind: 'lifecycle', ts: ms(f.at), event: `rule fired: ${name}`, detail: str(f.severity) } as LogLine);
  }
  // the audit log has every action (listen, transfer, failures too); the document's own
  // takeovers/guides are the fallback when the audit is empty (e.g. generated history)
  const audit = list(a.audit);
  if (audit.length > 0) {
    for (const r of audit) {
      const args = (r.args ?? {}) as Doc;
      put(ms(r.at), {
        kind: 'supervisor',
        ts: ms(r.at),
        action: str(r.action) ?? 'action',
        by: str(r.who) ?? '?',
        text: str(args.text),
        result: r.result === 'failed' ? `failed${str(r.message) ? `: ${str(r.message)}` : ''}` : undefined,
      } as LogLine);
    }
  } else {
    for (const t of list(c.takeovers)) {
      put(ms(t.at), { kind: 'supervisor', ts: ms(t.at), action: 'takeover', by: str(t.by) ?? '?' } as LogLine);
    }
    for (const g of list(c.guides)) {
      put(ms(g.at), { kind: 'supervisor', ts: ms(g.at), action: 'guide', by: str(g.by) ?? '?', text: str(g.text) } as LogLine);
    }
  }
  placed.sort((x, y) => x.ts - y.ts || x.order - y.order);
  // transcript lines keep their seq (alerts link to it); the rest get seqs between them
  const lines: LogLine[] = [];
  let lastSeq = 0;
  let between = 0;
  for (const p of placed) {
    if (p.line.kind === 'transcript' && typeof p.line.seq === 'number') {
      lastSeq = p.line.seq;
      between = 0;
      lines.push(p.line as LogLine);
    } else {
      between += 1;
      lines.push({ ...p.line, seq: lastSeq + between / 1000 } as LogLine);
    }
  }
  const endedAt = ms(c.ended_at);
  lines.push({ kind: 'lifecycle', seq: lastSeq + 0.999, ts: endedAt, event: 'call ended', detail: str(c.end_reason) } as LogLine);

  const fields: CallFields = {
    room,
    session_id: str(c.session_id),
    agent: str(c.agent),
    customer: str(c.customer),
    language: str(c.language),
    started_at: ms(c.started_at) || undefined,
    ended_at: endedAt || undefined,
    end_reason: str(c.end_reason),
    sentiment: str(c.sentiment),
    sentiment_score: typeof c.sentiment_score === 'number' ? c.sentiment_score : undefined,
    escalation: Array.isArray(c.escalation_reasons) ? c.escalation_reasons.map(String) : [],
    agent_state: 'ended',
  };
  return {
    room,
    status: 'live',
    sessionId: str(c.session_id) ?? null,
    fields,
    lines,
    heldSeq: lastSeq,
    sentimentByRef,
    interim: null,
    ended: true,
    debug: [],
    stats: { deltas: 0, duplicates: 0, gaps: 0, resyncs: 0, arrivals: [] },
  };
}
