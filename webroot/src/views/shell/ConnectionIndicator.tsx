import { useConnection } from '../../hooks/useLive';
import { useNow } from '../../hooks/useNow';

const LABEL: Record<string, string> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting',
  closed: 'Disconnected',
};

export function ConnectionIndicator() {
  const c = useConnection();
  const now = useNow();
  const wait = c.status === 'reconnecting' && c.nextRetryAt ? Math.max(0, Math.ceil((c.nextRetryAt - now) / 1000)) : null;
  return (
    <div className={`conn conn-${c.status}`} role="status" aria-live="polite" data-testid="connection" data-status={c.status}>
      <span className="conn-dot" aria-hidden="true" />
      <span>
        {LABEL[c.status] ?? c.status}
        {wait !== null && ` · retry in ${wait}s (attempt ${c.attempt})`}
      </span>
      {c.lastError && c.status === 'open' && (
        <span className="conn-err" title={c.lastError}>
          ⚠ {c.lastError}
        </span>
      )}
    </div>
  );
}
