import { asStringArray } from '../../live/fields';
import { Icon } from './Icon';

/** Who is watching / listening / has taken over a call. */
export function Presence({ viewers, listeners, takeoverBy }: { viewers: unknown; listeners: unknown; takeoverBy?: string }) {
  const v = asStringArray(viewers);
  const l = asStringArray(listeners);
  return (
    <div className="presence">
      {takeoverBy ? (
        <span className="chip chip-takeover" title={`Taken over by ${takeoverBy}`}>
          <Icon name="headphones" size={12} /> {takeoverBy} has the call
        </span>
      ) : null}
      {l.length > 0 && (
        <span className="presence-item" title={`Listening: ${l.join(', ')}`}>
          <Icon name="ear" size={12} /> {l.join(', ')}
        </span>
      )}
      {v.length > 0 && (
        <span className="presence-item" title={`Watching: ${v.join(', ')}`}>
          <Icon name="eye" size={12} /> {v.join(', ')}
        </span>
      )}
      {!takeoverBy && l.length === 0 && v.length === 0 && <span className="muted">nobody watching</span>}
    </div>
  );
}
