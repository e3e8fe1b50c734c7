import { memo } from 'react';
import { roomHref } from '../../hooks/useHashRoute';
import { isEscalated, isSpeaking, parseInterim, sentimentLabel } from '../../live/fields';
import type { CallSummary } from '../../live/types';
import { AgentStateBadge } from '../common/AgentStateBadge';
import { Duration } from '../common/Duration';
import { EscalationBadge } from '../common/EscalationBadge';
import { Presence } from '../common/Presence';
import { SentimentBadge } from '../common/SentimentBadge';
import { TagList } from '../common/TagList';
import { callTags } from '../../rules/tags';

/** Which path a call's events take (call field `supervision`; calls that did not say post over HTTP). */
const SUPERVISION_TITLES: Record<string, string> = {
  observer: 'room observer: unmodified LiveKit Agents session, remote-session protocol',
  package: 'Switchboard package inside the agent',
  http: 'the agent posts its own events',
};

export const CallCard = memo(function CallCard({ call }: { call: CallSummary }) {
  const s = sentimentLabel(call);
  const esc = isEscalated(call);
  const interim = parseInterim(call.interim);
  return (
    <article className={`card call-card card-${s} ${esc ? 'card-esc' : ''}`} data-testid="call-card" data-room={call.room}>
      <header className="card-head">
        <a className="card-title" href={roomHref(call.room)}>
          {call.customer || 'Unknown customer'}
        </a>
        <SentimentBadge label={s} score={typeof call.sentiment_score === 'number' ? call.sentiment_score : undefined} />
      </header>
      <div className="muted mono small">{call.room}</div>
      <dl className="kv">
        <dt>Agent</dt>
        <dd>{call.agent || '—'}</dd>
        <dt>Duration</dt>
        <dd>
          <Duration startedAt={call.started_at} />
        </dd>
        <dt>State</dt>
        <dd>
          <AgentStateBadge state={call.agent_state} />
          {isSpeaking(call) && <span className="speaking-dot" title="Someone is speaking" aria-label="speaking" />}
        </dd>
        <dt>Language</dt>
        <dd>{call.language || '—'}</dd>
        <dt>Path</dt>
        <dd data-testid="supervision" title={SUPERVISION_TITLES[call.supervision ?? ''] ?? 'events posted by the agent'}>
          {call.supervision || 'http'}
        </dd>
      </dl>
      {esc && <EscalationBadge escalation={call.escalation} />}
      <TagList tags={callTags(call)} />
      <Presence viewers={call.viewers} listeners={call.listeners} takeoverBy={call.takeover_by} />
      {interim && (
        <p className="interim small" title="In progress">
          {interim.role}: {interim.text}
        </p>
      )}
    </article>
  );
});
