import { sentimentMeta } from '../../live/sentiment';

export function SentimentBadge({ label, score, confidence, compact }: { label?: string; score?: number; confidence?: number; compact?: boolean }) {
  const m = sentimentMeta(label);
  const detail = [score !== undefined ? `score ${score.toFixed(2)}` : null, confidence !== undefined ? `confidence ${Math.round(confidence * 100)}%` : null]
    .filter(Boolean)
    .join(', ');
  return (
    <span className={`chip ${m.className}`} title={detail ? `${m.label} (${detail})` : m.label} data-sentiment={label ?? 'neutral'}>
      <span aria-hidden="true">{m.icon}</span> {compact ? null : m.label}
      {compact && <span className="sr-only">{m.label}</span>}
    </span>
  );
}
