import { useState } from 'react';
import type { AnalyticsQuery, Bucket } from '../../analytics/adapter';

const DAY = 86_400_000;

function toInput(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function fromInput(s: string, endOfDay: boolean): number {
  const [y, m, d] = s.split('-').map(Number);
  const t = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1).getTime();
  return endOfDay ? t + DAY - 1 : t;
}

export function defaultQuery(now = Date.now()): AnalyticsQuery {
  // buckets and busiest hours in the supervisor's own time zone
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return { from: fromInput(toInput(now - 6 * DAY), false), to: fromInput(toInput(now), true), bucket: 'day', ...(tz ? { tz } : {}) };
}

export function RangePicker({ value, onApply, busy }: { value: AnalyticsQuery; onApply: (q: AnalyticsQuery) => void; busy: boolean }) {
  const [from, setFrom] = useState(toInput(value.from));
  const [to, setTo] = useState(toInput(value.to));
  const [bucket, setBucket] = useState<Bucket>(value.bucket);
  const [agent, setAgent] = useState(value.agent ?? '');
  const [language, setLanguage] = useState(value.language ?? '');

  const preset = (days: number, b: Bucket) => {
    const now = Date.now();
    const q: AnalyticsQuery = { from: fromInput(toInput(now - (days - 1) * DAY), false), to: fromInput(toInput(now), true), bucket: b };
    setFrom(toInput(q.from));
    setTo(toInput(q.to));
    setBucket(b);
    onApply({ ...q, agent: agent || undefined, language: language || undefined });
  };

  return (
    <form
      className="toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        const f = fromInput(from, false);
        const t = fromInput(to, true);
        onApply({ ...value, from: Math.min(f, t), to: Math.max(f, t), bucket, agent: agent || undefined, language: language || undefined });
      }}
    >
      <div className="presets" role="group" aria-label="Quick ranges">
        <button type="button" className="btn btn-sm" onClick={() => preset(1, 'hour')}>
          Today
        </button>
        <button type="button" className="btn btn-sm" onClick={() => preset(7, 'day')}>
          7 days
        </button>
        <button type="button" className="btn btn-sm" onClick={() => preset(30, 'day')}>
          30 days
        </button>
        <button type="button" className="btn btn-sm" onClick={() => preset(84, 'week')}>
          12 weeks
        </button>
      </div>
      <label>
        From
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
      </label>
      <label>
        To
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
      </label>
      <label>
        Bucket
        <select value={bucket} onChange={(e) => setBucket(e.target.value as Bucket)}>
          <option value="hour">Hour</option>
          <option value="day">Day</option>
          <option value="week">Week</option>
        </select>
      </label>
      <label>
        Agent
        <input value={agent} onChange={(e) => setAgent(e.target.value)} placeholder="any" size={10} />
      </label>
      <label>
        Language
        <select value={language} onChange={(e) => setLanguage(e.target.value)}>
          <option value="">Any</option>
          <option value="en">en</option>
          <option value="ms">ms</option>
        </select>
      </label>
      <button className="btn btn-primary" type="submit" disabled={busy}>
        {busy ? 'Loading…' : 'Apply'}
      </button>
    </form>
  );
}
