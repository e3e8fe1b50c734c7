import type { DebugEvent } from '../../live/types';

function clock(ts: number): string {
  const d = new Date(ts);
  return `${d.toLocaleTimeString([], { hour12: false })}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function typeClass(t: string): string {
  const s = t.toLowerCase();
  if (s.includes('state')) return 'dbg-state';
  if (s.includes('tool') || s.includes('function')) return 'dbg-tool';
  if (s.includes('llm') || s.includes('ttft')) return 'dbg-llm';
  if (s.includes('stt') || s.includes('tts') || s.includes('metric')) return 'dbg-metric';
  if (s.includes('error')) return 'dbg-error';
  return 'dbg-other';
}

export function DebugTimeline({ events }: { events: readonly DebugEvent[] }) {
  const newest = [...events].reverse();
  return (
    <section className="panel debug" aria-labelledby="debug-title">
      <h2 id="debug-title" className="panel-title">
        Agent debug <span className="muted small">live only · last {events.length}</span>
      </h2>
      {newest.length === 0 ? (
        <p className="muted small">No debug events since you opened the room.</p>
      ) : (
        <ol className="dbg-list">
          {newest.map((e) => (
            <li key={e.id} className={`dbg ${typeClass(e.type)}`}>
              <details>
                <summary>
                  <time className="mono small muted">{clock(e.ts)}</time> <span className="dbg-type">{e.type}</span> <span className="dbg-sum">{e.summary}</span>
                </summary>
                <pre className="dbg-json">{JSON.stringify(e.data, null, 2)}</pre>
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
