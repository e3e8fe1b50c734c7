import { memo } from 'react';
import { sentimentMeta } from '../../live/sentiment';

export interface BubbleProps {
  room: string;
  index: number;
  /** Roving tabindex: only one bubble is in the tab order. */
  tabbable: boolean;
  x: number;
  y: number;
  /** Visual radius in px. */
  r: number;
  sentiment: string;
  agentState: string;
  speaking: boolean;
  escalated: boolean;
  takenOver: boolean;
  /** Tags rules put on the call (shown as a badge; listed in the label). */
  tags?: string[];
  label: string;
  ariaLabel: string;
  onOpen: (room: string) => void;
  onFocusCall: (room: string | null) => void;
}

function initials(s: string): string {
  const parts = s.split(/[\s_-]+/).filter(Boolean);
  if (parts.length >= 2) return `${parts[0]![0]}${parts[1]![0]}`.toUpperCase();
  return s.slice(0, 2).toUpperCase();
}

/**
 * One call. Position changes animate with a spring (framer-motion, transform only); the pulse and
 * agent-state rings are CSS animations on the compositor, so nothing re-renders per frame.
 */
export const Bubble = memo(function Bubble(p: BubbleProps) {
  const m = sentimentMeta(p.sentiment);
  const d = p.r * 2;
  const classes = [
    'bubble',
    m.className,
    `agent-${p.agentState || 'unknown'}`,
    p.speaking ? 'speaking' : '',
    p.escalated ? 'escalated' : '',
    p.takenOver ? 'taken-over' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="button"
      className={classes}
      data-room={p.room}
      data-index={p.index}
      data-tags={(p.tags ?? []).join(' ')}
      tabIndex={p.tabbable ? 0 : -1}
      data-testid="bubble"
      aria-label={p.ariaLabel}
      title={p.ariaLabel}
      style={{ width: d, height: d, marginLeft: -p.r, marginTop: -p.r, fontSize: Math.max(9, p.r * 0.42), transform: `translate(${p.x.toFixed(1)}px, ${p.y.toFixed(1)}px)` }}
      onClick={() => p.onOpen(p.room)}
      onFocus={() => p.onFocusCall(p.room)}
      onMouseEnter={() => p.onFocusCall(p.room)}
    >
      <span className="bubble-orbit" aria-hidden="true" />
      <span className="bubble-core" aria-hidden="true">
        {d >= 40 ? <span className="bubble-label">{initials(p.label)}</span> : null}
        <span className="bubble-icon">{m.icon}</span>
      </span>
      {p.escalated && (
        <span className="bubble-badge" aria-hidden="true">
          !
        </span>
      )}
      {(p.tags?.length ?? 0) > 0 && (
        <span className="bubble-badge bubble-badge-tag" aria-hidden="true" data-testid="bubble-tag">
          #{p.tags![0]}
          {p.tags!.length > 1 ? ` +${p.tags!.length - 1}` : ''}
        </span>
      )}
      {p.takenOver && (
        <span className="bubble-badge bubble-badge-sup" aria-hidden="true">
          S
        </span>
      )}
    </button>
  );
});
