import { parseSuggestion } from '../../rules/tags';

/** The action a rule suggests for this call ("transfer to billing"), above the controls. */
export function SuggestionBanner({ value }: { value: unknown }) {
  const s = parseSuggestion(value);
  if (!s) return null;
  return (
    <p className="suggestion" role="status" data-testid="suggestion" data-rule-id={s.ruleId ?? ''}>
      <span aria-hidden="true">💡</span> Suggested: <b>{s.text}</b>
      {s.seq !== undefined && <span className="muted small"> (line {s.seq})</span>}
    </p>
  );
}
