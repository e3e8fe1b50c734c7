import { memo } from 'react';
import type { LogLine, SentimentInfo } from '../../live/types';
import { SentimentBadge } from '../common/SentimentBadge';
import { Icon } from '../common/Icon';

const ROLE_LABEL: Record<string, string> = { user: 'Customer', agent: 'Agent', supervisor: 'Supervisor' };

function clock(ts: number): string {
  return ts ? new Date(ts).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }) : '';
}

function brief(v: unknown): string {
  if (v === undefined) return '';
  try {
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    return s.length > 140 ? `${s.slice(0, 139)}…` : s;
  } catch {
    return String(v);
  }
}

export const TranscriptItem = memo(function TranscriptItem({
  line,
  sentiment,
  focus = false,
}: {
  line: LogLine;
  sentiment?: SentimentInfo;
  /** the line an alert pointed at: highlighted */
  focus?: boolean;
}) {
  const common = { 'data-seq': line.seq, 'data-kind': line.kind, ...(focus ? { 'data-focus': 'true' } : {}) } as const;
  switch (line.kind) {
    case 'transcript':
      return (
        <li className={`tline tline-${line.role}${focus ? ' tline-focus' : ''}`} {...common} data-testid="transcript-line">
          <div className="tline-meta">
            <span className="tline-role">{ROLE_LABEL[line.role] ?? line.role}</span>
            <time className="muted small">{clock(line.ts)}</time>
            {line.role === 'user' && sentiment && (
              <SentimentBadge label={sentiment.label} score={sentiment.score} confidence={sentiment.confidence} />
            )}
          </div>
          <p className="tline-text">{line.text}</p>
        </li>
      );
    case 'lifecycle':
      return (
        <li className="tnote" {...common}>
          <span aria-hidden="true">•</span> {String(line.event).replace(/_/g, ' ')}
          {line.detail !== undefined && <span className="muted"> · {brief(line.detail)}</span>}
          <time className="muted small"> {clock(line.ts)}</time>
        </li>
      );
    case 'tool_call':
      return (
        <li className="tnote tnote-tool" {...common}>
          <Icon name="wrench" size={12} /> <b>{line.name}</b>({brief(line.args)}){line.result !== undefined && <> → {brief(line.result)}</>}
          {typeof line.duration_ms === 'number' && <span className="muted"> · {Math.round(line.duration_ms)} ms</span>}
        </li>
      );
    case 'supervisor':
      return (
        <li className="tnote tnote-sup" {...common}>
          <Icon name="headphones" size={12} /> <b>{line.by}</b> {String(line.action).replace(/_/g, ' ')}
          {line.text ? <>: “{line.text}”</> : null}
          {line.result !== undefined && <span className="muted"> · {brief(line.result)}</span>}
        </li>
      );
    case 'escalation':
      return (
        <li className="tnote tnote-esc" role="note" {...common}>
          <span aria-hidden="true">⚑</span> Escalated: {(Array.isArray(line.reasons) ? line.reasons : []).map((r) => String(r).replace(/_/g, ' ')).join(', ')}
        </li>
      );
    case 'rule':
      return (
        <li className={`tnote tnote-rule sev-${line.severity ?? 'medium'}`} role="note" {...common} data-testid="rule-line" data-rule-id={line.rule_id}>
          <span aria-hidden="true">⚡</span> Rule <b>{line.rule_name ?? line.rule_id}</b>
          {line.ref !== undefined && <span className="muted"> on line {line.ref}</span>}
          {line.message ? <>: {line.message}</> : null}
          {(line.tags ?? []).map((t) => (
            <span key={t} className="tag"> #{t}</span>
          ))}
        </li>
      );
    default:
      return null; // annotations are shown on the line they refer to
  }
});
