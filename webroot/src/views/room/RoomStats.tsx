import { useNow } from '../../hooks/useNow';
import type { AudioSession } from '../../audio/AudioSession';
import type { RoomState } from '../../live/LiveStore';
import { AudioStats } from './AudioStats';
import { agentMetrics } from './agentMetrics';

function ms(v: number | undefined): string {
  return v === undefined ? '—' : `${Math.round(v)} ms`;
}

/**
 * Client-side connection stats: arrival delay (receive time − line ts), message rate, resyncs,
 * and for supervisors the WebRTC figures of their own audio connection.
 */
export function RoomStats({ state, audio }: { state: RoomState; audio?: AudioSession }) {
  const now = useNow();
  const s = state.stats;
  const recent = s.arrivals.filter((t) => now - t <= 10_000).length;
  const metrics = agentMetrics(state.fields.metrics);
  return (
    <section className="panel stats" aria-labelledby="stats-title">
      <h2 id="stats-title" className="panel-title">
        Connection
      </h2>
      <dl className="kv kv-stats">
        <dt>Sync</dt>
        <dd data-testid="room-sync">{state.status}</dd>
        <dt>Delta delay (last)</dt>
        <dd>{ms(s.lastDelayMs)}</dd>
        <dt>Delta delay (avg)</dt>
        <dd>{ms(s.avgDelayMs)}</dd>
        <dt>Message rate</dt>
        <dd>{(recent / 10).toFixed(1)} /s</dd>
        <dt>Deltas</dt>
        <dd>{s.deltas}</dd>
        <dt>Gaps / resyncs</dt>
        <dd>
          {s.gaps} / {s.resyncs}
        </dd>
        <dt>Duplicates ignored</dt>
        <dd>{s.duplicates}</dd>
      </dl>
      {audio && <AudioStats audio={audio} />}
      {metrics.rows.length > 0 && (
        <>
          <h3 className="panel-sub">
            Agent metrics
            {metrics.measuredAt !== null && <span className="muted small"> · last turn {new Date(metrics.measuredAt).toLocaleTimeString()}</span>}
          </h3>
          <dl className="kv kv-stats" data-testid="agent-metrics">
            {metrics.rows.map(([k, v]) => (
              <div key={k} className="kv-row">
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
