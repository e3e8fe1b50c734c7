import { motion } from 'framer-motion';
import { useEffect } from 'react';
import type { AlertEntry } from '../../live/LiveStore';

const REASON: Record<string, string> = {
  human_requested: 'Customer asked for a human',
  cancel_threat: 'Cancellation threat',
  legal_threat: 'Legal or regulator threat',
  chargeback: 'Chargeback threat',
  public_post: 'Threat to go public',
  profanity: 'Abusive language',
  distress: 'Customer in distress',
  strong_anger: 'Customer is furious',
  formal_complaint: 'Formal complaint',
  repeated_complaint: 'Repeated contact',
  agent_failing: 'Agent is failing the caller',
  rising_anger: 'Anger rising',
  negative_streak: 'Sustained negative sentiment',
  agent_latency: 'Agent is slow to answer',
};

export function reasonLabel(reason: string): string {
  return REASON[reason] ?? reason.replace(/_/g, ' ');
}

/** Toasts hide themselves after this long; the escalation stays visible on the call itself. */
const AUTO_HIDE_MS = 45_000;

export function AlertToast({ alert, href, onDismiss }: { alert: AlertEntry; href: string; onDismiss: () => void }) {
  useEffect(() => {
    const t = setTimeout(onDismiss, Math.max(1000, AUTO_HIDE_MS - (Date.now() - alert.receivedAt)));
    return () => clearTimeout(t);
  }, [alert.receivedAt, onDismiss]);
  return (
    <motion.div className="toast" role="alert" data-testid="alert-toast" initial={{ opacity: 0, x: 40 }} animate={{ opacity: 1, x: 0 }}>
      <div className="toast-head">
        <span className="toast-icon" aria-hidden="true">
          ⚑
        </span>
        <b>{alert.reason.startsWith('rule:') && alert.rule_name ? alert.rule_name : reasonLabel(alert.reason)}</b>
        {alert.severity && <span className={`sev sev-${alert.severity}`}>{alert.severity}</span>}
        <time className="muted small">{new Date(alert.at || alert.receivedAt).toLocaleTimeString()}</time>
      </div>
      {(alert.reasons?.length ?? 0) > 1 && (
        <p className="small" data-testid="alert-reasons">
          {(alert.reasons ?? []).map(reasonLabel).join(' · ')}
        </p>
      )}
      <p className="small">{alert.detail}</p>
      {alert.suggestion && (
        <p className="small" data-testid="alert-suggestion">
          Suggested: <b>{alert.suggestion}</b>
        </p>
      )}
      <div className="toast-actions">
        <a className="btn btn-primary btn-sm" href={href} onClick={onDismiss} title={`Open ${alert.room} at line ${alert.seq}`}>
          Open {alert.room}
        </a>
        <button className="btn btn-ghost btn-sm" onClick={onDismiss} aria-label={`Dismiss alert for ${alert.room}`}>
          Dismiss
        </button>
      </div>
    </motion.div>
  );
}
