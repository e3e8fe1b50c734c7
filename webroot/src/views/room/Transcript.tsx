import { useEffect, useLayoutEffect, useRef } from 'react';
import type { RoomState } from '../../live/LiveStore';
import { TranscriptItem } from './TranscriptItem';

/** @param focusSeq a line to scroll to and highlight once it is loaded (from an alert) */
export function Transcript({ state, focusSeq }: { state: RoomState; focusSeq?: number }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const focused = useRef<number | undefined>(undefined);
  const onScroll = () => {
    const el = boxRef.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
  };
  useLayoutEffect(() => {
    const el = boxRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [state.lines, state.interim]);
  useEffect(() => {
    stick.current = true;
  }, [state.room]);
  useLayoutEffect(() => {
    // once per target: scroll the alert's line into view and stop following the live tail
    if (focusSeq === undefined || focused.current === focusSeq) return;
    const el = boxRef.current?.querySelector<HTMLElement>(`[data-seq="${focusSeq}"]`);
    if (!el) return;
    focused.current = focusSeq;
    stick.current = false;
    el.scrollIntoView?.({ block: 'center' });
  }, [focusSeq, state.lines]);

  const visible = state.lines.filter((l) => l.kind !== 'annotation');
  return (
    <section className="panel transcript" aria-labelledby="transcript-title">
      <h2 id="transcript-title" className="panel-title">
        Transcript <span className="muted small">{visible.length} entries · seq {state.heldSeq}</span>
      </h2>
      <div className="transcript-scroll" ref={boxRef} onScroll={onScroll} aria-live="polite" aria-relevant="additions">
        {state.status === 'syncing' && state.lines.length === 0 && <p className="muted">Loading history…</p>}
        {state.status !== 'syncing' && visible.length === 0 && !state.interim && <p className="muted">Nothing said yet.</p>}
        <ol className="tlines" data-testid="transcript">
          {visible.map((l) => (
            <TranscriptItem key={l.seq} line={l} sentiment={state.sentimentByRef.get(l.seq)} focus={l.seq === focusSeq} />
          ))}
          {state.interim && (
            <li className={`tline tline-${state.interim.role} tline-interim`} data-testid="interim">
              <div className="tline-meta">
                <span className="tline-role">{state.interim.role === 'user' ? 'Customer' : state.interim.role === 'agent' ? 'Agent' : 'Supervisor'}</span>
                <span className="muted small">speaking…</span>
              </div>
              <p className="tline-text">
                <em>{state.interim.text}</em>
              </p>
            </li>
          )}
        </ol>
      </div>
    </section>
  );
}
