import { useServices } from '../../app/context';
import { roomHref } from '../../hooks/useHashRoute';
import { useAlerts } from '../../hooks/useLive';
import { AlertToast } from './AlertToast';

const VISIBLE = 3;

/** Escalation alerts (address `alerts`) as toasts, newest first, until dismissed; each opens the room at its line. */
export function AlertToasts() {
  const alerts = useAlerts();
  const { store } = useServices();
  if (alerts.length === 0) return null;
  return (
    <div className="toasts" role="region" aria-label="Escalation alerts">
      {alerts.slice(0, VISIBLE).map((a) => (
        <AlertToast key={a.id} alert={a} href={roomHref(a.room, a.seq)} onDismiss={() => store.dismissAlert(a.id)} />
      ))}
      {alerts.length > VISIBLE && <div className="toast toast-more">+{alerts.length - VISIBLE} more alerts</div>}
    </div>
  );
}
