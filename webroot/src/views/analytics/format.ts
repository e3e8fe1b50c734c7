export function fmtMs(v: number | null): string {
  if (v === null) return '—';
  const s = Math.round(v / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function fmtPct(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`;
}

export function fmtBucket(t: number, bucket: string): string {
  const d = new Date(t);
  if (bucket === 'hour') return d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit' });
  return d.toLocaleDateString([], { month: 'short', day: 'numeric' });
}
