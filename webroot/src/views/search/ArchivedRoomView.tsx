import { useEffect, useMemo, useState } from 'react';
import { useServices } from '../../app/context';
import { archivedRoomState } from '../../search/archivedRoom';
import { fetchArchivedCall, type ArchivedCall } from '../../search/searchApi';
import { BusError, errorMessage } from '../../transport/types';
import { RoomHeader } from '../room/RoomHeader';
import { Transcript } from '../room/Transcript';

/**
 * An archived call in the room view's layout, read-only: the same header and transcript, with its
 * sentiment, alerts, rule firings and supervisor actions on the timeline; no control bar, no audio.
 */
export function ArchivedRoomView({ callId, line }: { callId: string; line?: number }) {
  const { transport } = useServices();
  const [call, setCall] = useState<ArchivedCall | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setCall(null);
    setError(null);
    fetchArchivedCall(transport, callId).then(
      (c) => live && setCall(c),
      (e) => live && setError(e instanceof BusError && e.code === 404 ? 'This call is not in the archive (it may have been deleted).' : errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [transport, callId]);
  const state = useMemo(() => (call ? archivedRoomState(call) : null), [call]);
  const alerts = useMemo(() => (state ? state.lines.filter((l) => l.kind === 'escalation' || (l.kind === 'lifecycle' && String(l.event).startsWith('rule fired'))) : []), [state]);
  const actions = useMemo(() => (state ? state.lines.filter((l) => l.kind === 'supervisor') : []), [state]);

  if (error)
    return (
      <section className="view">
        <a href="#/search" className="muted small">
          ← Search
        </a>
        <p className="form-error" role="alert" data-testid="archive-error">
          {error}
        </p>
      </section>
    );
  if (!state) return <p className="muted">Opening the archived call…</p>;
  return (
    <section className="view room-view room-archived" data-testid="room-view" data-archived="true" data-room={state.room}>
      <p className="archived-banner" role="status" data-testid="archived-banner">
        Archived call — read-only. <a href="#/search">Back to search</a>
      </p>
      <RoomHeader state={state} />
      <div className="room-grid">
        <Transcript state={state} focusSeq={line} />
        <div className="room-side">
          <section className="panel" aria-labelledby="archived-alerts">
            <h2 id="archived-alerts" className="panel-title">
              Alerts <span className="muted small">{alerts.length}</span>
            </h2>
            {alerts.length === 0 ? <p className="muted small">No alert was raised on this call.</p> : null}
            <ul className="small" data-testid="archived-alerts">
              {alerts.map((l) => (
                <li key={l.seq}>{l.kind === 'escalation' ? `Escalated: ${(l.reasons ?? []).join(', ').replace(/_/g, ' ')}` : String(l.event)}</li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="archived-actions">
            <h2 id="archived-actions" className="panel-title">
              Supervisor actions <span className="muted small">{actions.length}</span>
            </h2>
            {actions.length === 0 ? <p className="muted small">No supervisor acted on this call.</p> : null}
            <ul className="small" data-testid="archived-actions">
              {actions.map((l) => (
                <li key={l.seq}>
                  {l.kind === 'supervisor' ? `${l.by} ${l.action}${l.text ? `: “${l.text}”` : ''}${l.result ? ` (${String(l.result)})` : ''}` : null}
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </section>
  );
}
