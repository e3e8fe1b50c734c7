import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { navigate, roomHref } from '../../hooks/useHashRoute';
import { useCalls } from '../../hooks/useLive';
import { hexLayout, RING_SPACING, ringsFor } from '../../layout/hex';
import { isEscalated, isSpeaking, sentimentLabel } from '../../live/fields';
import { sortBySentiment } from '../../live/sentiment';
import { Bubble } from './Bubble';
import { callTags } from '../../rules/tags';
import { BubbleDetails } from './BubbleDetails';
import { BubbleLegend } from './BubbleLegend';
import { nearestInDirection, type Direction } from './spatialNav';
import { useElementSize } from '../../hooks/useElementSize';
import { useLayoutOrder } from './useLayoutOrder';

const KEY_DIR: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
const MIN_R = 16;
const MAX_R = 90;
/** Above this many calls the agent-state rings stop spinning (see styles.css). */
const DENSE = 120;

export function BubbleView() {
  const calls = useCalls();
  const boxRef = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(boxRef);
  const [focused, setFocused] = useState<string | null>(null);

  const sorted = useMemo(() => sortBySentiment(calls.byRoom.values()), [calls.byRoom]);
  const sortedRooms = useMemo(() => sorted.map((c) => c.room), [sorted]);
  const slots = useLayoutOrder(sortedRooms);
  // DOM order stays stable (by room) so a re-sort only moves bubbles visually, never DOM nodes.
  const domOrder = useMemo(() => [...calls.byRoom.keys()].sort(), [calls.byRoom]);
  const indexOf = useMemo(() => {
    const m = new Map<string, number>();
    slots.forEach((room, i) => room !== null && m.set(room, i));
    return m;
  }, [slots]);
  // Roving tabindex: one tab stop for the whole ring (the focused call, else the most urgent).
  const tabRoom = focused && calls.byRoom.has(focused) ? focused : sorted[0]?.room;
  const rings = ringsFor(slots.length);
  // Layout unit R: ring k corners at R·k·1.2; the drawn circle has radius R·0.46 (never overlaps).
  const R = Math.max(MIN_R, Math.min(MAX_R, (Math.min(width, height) / 2 - 16) / (rings * RING_SPACING + 0.5)));
  const positions = useMemo(() => hexLayout(slots.length, R), [slots.length, R]);
  const extent = rings * RING_SPACING * R + R * 0.5 + 12;

  const open = useCallback((room: string) => navigate(roomHref(room)), []);
  const onFocusCall = useCallback((room: string | null) => setFocused(room), []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const idx = Number(target.dataset.index);
    const from = target.dataset.index !== undefined && Number.isFinite(idx) ? idx : -1;
    if (from < 0) return;
    const dir = KEY_DIR[e.key];
    let next: number | null = null;
    if (dir) next = nearestInDirection(positions.map((p, i) => (slots[i] === null ? { x: 1e9, y: 1e9 } : p)), from, dir); // holes are unreachable
    else {
      const rank = sortedRooms.indexOf(slots[from] ?? '');
      let target: number | null = null;
      if (e.key === 'PageDown' || e.key === ']') target = Math.min(sortedRooms.length - 1, rank + 1);
      else if (e.key === 'PageUp' || e.key === '[') target = Math.max(0, rank - 1);
      else if (e.key === 'Home') target = 0;
      else if (e.key === 'End') target = sortedRooms.length - 1;
      else return;
      next = indexOf.get(sortedRooms[target] ?? '') ?? null;
    }
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
          data-dense={sorted.length > DENSE ? 'true' : 'false'}
          role="group"
          aria-label="Calls arranged by sentiment, most negative in the centre. Arrow keys move between calls, Page Up/Down follow the urgency order, Enter opens the call."
        >
          {sorted.length === 0 && calls.status === 'live' && <p className="empty">No live calls right now.</p>}
          <div className="bubble-canvas" style={{ width: Math.max(width, 2 * extent), height: Math.max(height, 2 * extent) }}>
          <div className="bubble-origin">
            {domOrder.map((room) => {
              const c = calls.byRoom.get(room);
              const i = indexOf.get(room);
              if (!c || i === undefined) return null;
              const p = positions[i] ?? { x: 0, y: 0 };
              const label = c.customer || c.room;
              const s = sentimentLabel(c);
              const esc = isEscalated(c);
              const speaking = isSpeaking(c);
              const tags = callTags(c);
              return (
                <Bubble
                  key={c.room}
                  room={c.room}
                  index={i}
                  tabbable={room === tabRoom}
                  x={p.x}
                  y={p.y}
                  r={R * 0.46}
                  sentiment={s}
                  agentState={String(c.agent_state ?? '')}
                  speaking={speaking}
                  escalated={esc}
                  takenOver={!!c.takeover_by}
                  tags={tags}
                  label={label}
                  ariaLabel={`${label} (${c.room}): ${s} sentiment${esc ? ', escalated' : ''}, agent ${c.agent_state ?? 'unknown'}${speaking ? ', speaking' : ''}${c.takeover_by ? `, taken over by ${c.takeover_by}` : ''}${tags.length ? `, tagged ${tags.join(', ')}` : ''}`}
                  onOpen={open}
                  onFocusCall={onFocusCall}
                />
              );
            })}
          </div>
          </div>
        </div>
        <BubbleDetails call={focused ? calls.byRoom.get(focused) : sorted[0]} />
      </div>
    </section>
  );
}
