import { useNow } from '../../hooks/useNow';

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, '0');
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(sec).padStart(2, '0')}`;
}

/** Live-ticking call duration; only this text re-renders every second. */
export function Duration({ startedAt, endedAt }: { startedAt?: number; endedAt?: number }) {
  const now = useNow();
  if (!startedAt) return <span className="muted">—</span>;
  return (
    <time className="mono" dateTime={new Date(startedAt).toISOString()}>
      {formatDuration((endedAt ?? now) - startedAt)}
    </time>
  );
}
