import { asStringArray } from '../../live/fields';

export function EscalationBadge({ escalation }: { escalation: unknown }) {
  const reasons = asStringArray(escalation);
  if (reasons.length === 0) return null;
  return (
    <span className="chip chip-esc" title={`Escalated: ${reasons.join(', ')}`} data-testid="escalated">
      <span aria-hidden="true">⚑</span> Escalated
      <span className="chip-sub">{reasons.map((r) => r.replace(/_/g, ' ')).join(', ')}</span>
    </span>
  );
}
