import { isEscalated } from '../../live/fields';
import type { RoomState } from '../../live/LiveStore';
import { AgentStateBadge } from '../common/AgentStateBadge';
import { Duration } from '../common/Duration';
import { EscalationBadge } from '../common/EscalationBadge';
import { Presence } from '../common/Presence';
import { SentimentBadge } from '../common/SentimentBadge';

export function RoomHeader({ state }: { state: RoomState }) {
  const f = state.fields;
  return (
    <header className={`room-head ${isEscalated(f) ? 'room-head-esc' : ''}`}>
      <div>
        <a href="#/bubbles" className="muted small">
          ← All calls
        </a>
        <h1>
          {f.customer || 'Unknown customer'} <span className="muted mono small">{state.room}</span>
        </h1>
        <div className="room-meta">
          <span>Agent: {f.agent || '—'}</span>
          <span>Language: {f.language || '—'}</span>
          <span>
            Duration: <Duration startedAt={f.started_at} endedAt={state.ended ? f.ended_at : undefined} />
          </span>
          <AgentStateBadge state={f.agent_state} />
          <SentimentBadge label={f.sentiment} score={typeof f.sentiment_score === 'number' ? f.sentiment_score : undefined} />
          {state.ended && <span className="chip chip-ended">Call ended{f.end_reason ? ` · ${f.end_reason}` : ''}</span>}
        </div>
      </div>
      <div className="room-head-right">
        <EscalationBadge escalation={f.escalation} />
        <Presence viewers={f.viewers} listeners={f.listeners} takeoverBy={f.takeover_by} />
      </div>
    </header>
  );
}
