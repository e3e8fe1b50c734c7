import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { navigate, roomHref } from '../../hooks/useHashRoute';
import { useCalls } from '../../hooks/useLive';
import { hexLayout, RING_SPACING, ringsFor } from '../../layout/hex';
import { isEscalated, isSpeaking, sentimentLabel } from '../../live/fields';
import { sortBySentiment } from '../../live/sentiment';
import { Bubble } from './Bubble';
import { BubbleDetails } from './BubbleDetails';
import { BubbleLegend } from './BubbleLegend';
import { nearestInDirection, type Direction } from './spatialNav';
import { useElementSize } from './useElementSize';

const KEY_DIR: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
const MIN_R = 16;
const MAX_R = 90;

export function BubbleView() {
  const calls = useCalls();
  const boxRef = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(boxRef);
  const [focused, setFocused] = useState<string | null>(null);

  const sorted = useMemo(() => sortBySentiment(calls.byRoom.values()), [calls.byRoom]);
  const rings = ringsFor(sorted.length);
  // Layout unit R: ring k corners at R·k·1.2; the drawn circle has radius R/2 (never overlaps).
  const R = Math.max(MIN_R, Math.min(MAX_R, (Math.min(width, height) / 2 - 12) / (rings * RING_SPACING + 0.6)));
  const positions = useMemo(() => hexLayout(sorted.length, R), [sorted.length, R]);
  const extent = rings * RING_SPACING * R + R;

  const open = useCallback((room: string) => navigate(roomHref(room)), []);
  const onFocusCall = useCallback((room: string | null) => setFocused(room), []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const dir = KEY_DIR[e.key];
    if (!dir) return;
    const target = e.target as HTMLElement;
    const idx = Number(target.dataset.index);
    const from = Number.isFinite(idx) ? idx : -1;
    if (from < 0) return;
    const next = nearestInDirection(positions, from, dir);
    if (next !== null) {
      e.preventDefault();
      boxRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus();
    }
  };

  const negative = sorted.filter((c) => sentimentLabel(c) === 'negative').length;
  const escalated = sorted.filter(isEscalated).length;

  return (
    <section className="view bubble-view" aria-labelledby="bubbles-title">
      <div className="view-head">
        <h1 id="bubbles-title">Live calls</h1>
        <div className="counters" aria-live="polite">
          <span className="counter">
            <b>{sorted.length}</b> live
          </span>
          <span className="counter counter-neg">
            <b>{negative}</b> negative
          </span>
          <span className="counter counter-esc">
            <b>{escalated}</b> escalated
          </span>
          {calls.status !== 'live' && <span className="muted">{calls.status === 'error' ? `⚠ ${calls.error}` : 'syncing…'}</span>}
        </div>
        <BubbleLegend />
      </div>
      <div className="bubble-layout">
        <div
          className="bubble-stage"
          ref={boxRef}
          onKeyDown={onKeyDown}
          role="group"
          aria-label="Calls arranged by sentiment, most negative in the centre"
          style={{ minHeight: Math.min(2 * extent + 24, 4000) }}
        >
          {sorted.length === 0 && calls.status === 'live' && <p className="empty">No live calls right now.</p>}
          <div className="bubble-origin" style={{ minWidth: 2 * extent }}>
            {sorted.map((c, i) => {
              const p = positions[i] ?? { x: 0, y: 0 };
              const label = c.customer || c.room;
              const s = sentimentLabel(c);
              const esc = isEscalated(c);
              const speaking = isSpeaking(c);
              return (
                <Bubble
                  key={c.room}
                  room={c.room}
                  index={i}
                  x={p.x}
                  y={p.y}
                  r={R * 0.5}
                  sentiment={s}
                  agentState={String(c.agent_state ?? '')}
                  speaking={speaking}
                  escalated={esc}
                  takenOver={!!c.takeover_by}
                  label={label}
                  ariaLabel={`${label} (${c.room}): ${s} sentiment${esc ? ', escalated' : ''}, agent ${c.agent_state ?? 'unknown'}${speaking ? ', speaking' : ''}${c.takeover_by ? `, taken over by ${c.takeover_by}` : ''}`}
                  onOpen={open}
                  onFocusCall={onFocusCall}
                />
              );
            })}
          </div>
        </div>
        <BubbleDetails call={focused ? calls.byRoom.get(focused) : sorted[0]} />
      </div>
    </section>
  );
}
