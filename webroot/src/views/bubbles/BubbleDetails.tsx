import { asStringArray, isEscalated, parseInterim } from '../../live/fields';
import type { CallSummary } from '../../live/types';
import { AgentStateBadge } from '../common/AgentStateBadge';
import { Duration } from '../common/Duration';
import { EscalationBadge } from '../common/EscalationBadge';
import { Presence } from '../common/Presence';
import { SentimentBadge } from '../common/SentimentBadge';
import { TagList } from '../common/TagList';
import { callTags } from '../../rules/tags';
import { roomHref } from '../../hooks/useHashRoute';

/** Side panel describing the hovered / focused bubble. */
export function BubbleDetails({ call }: { call: CallSummary | undefined }) {
  if (!call) {
    return (
      <aside className="bubble-details muted" aria-live="polite">
        Hover or focus a bubble to see the call. Use Tab or the arrow keys to move, Enter to open.
      </aside>
    );
  }
  const interim = parseInterim(call.interim);
  return (
    <aside className="bubble-details" aria-live="polite">
      <h2 className="details-title">{call.customer || call.room}</h2>
      <div className="muted mono small">{call.room}</div>
      <dl className="kv">
        <dt>Agent</dt>
        <dd>{call.agent || '—'}</dd>
        <dt>State</dt>
        <dd>
          <AgentStateBadge state={call.agent_state} />
        </dd>
        <dt>Sentiment</dt>
        <dd>
          <SentimentBadge label={call.sentiment} score={typeof call.sentiment_score === 'number' ? call.sentiment_score : undefined} />
        </dd>
        <dt>Duration</dt>
        <dd>
          <Duration startedAt={call.started_at} />
        </dd>
        <dt>Language</dt>
        <dd>{call.language || '—'}</dd>
      </dl>
      {isEscalated(call) && <EscalationBadge escalation={call.escalation} />}
      <TagList tags={callTags(call)} />
      <Presence viewers={call.viewers} listeners={call.listeners} takeoverBy={call.takeover_by} />
      {interim && (
        <p className="interim small">
          <span className="muted">{interim.role}: </span>
          {interim.text}
        </p>
      )}
      {asStringArray(call.escalation).length > 0 && <p className="small">This call needs attention.</p>}
      <a className="btn btn-primary" href={roomHref(call.room)}>
        Open room
      </a>
    </aside>
  );
}
