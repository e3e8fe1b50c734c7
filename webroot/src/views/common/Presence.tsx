import { asStringArray } from '../../live/fields';

/** Who is watching / listening / has taken over a call. */
export function Presence({ viewers, listeners, takeoverBy }: { viewers: unknown; listeners: unknown; takeoverBy?: string }) {
  const v = asStringArray(viewers);
  const l = asStringArray(listeners);
  return (
    <div className="presence">
      {takeoverBy ? (
        <span className="chip chip-takeover" title={`Taken over by ${takeoverBy}`}>
          <span aria-hidden="true">🎧</span> {takeoverBy} has the call
        </span>
      ) : null}
      {l.length > 0 && (
        <span className="presence-item" title={`Listening: ${l.join(', ')}`}>
          <span aria-hidden="true">👂</span> {l.join(', ')}
        </span>
      )}
      {v.length > 0 && (
        <span className="presence-item" title={`Watching: ${v.join(', ')}`}>
          <span aria-hidden="true">👁</span> {v.join(', ')}
        </span>
      )}
      {!takeoverBy && l.length === 0 && v.length === 0 && <span className="muted">nobody watching</span>}
    </div>
  );
}
