export function BubbleLegend() {
  return (
    <ul className="legend" aria-label="Legend">
      <li>
        <span className="legend-dot sent-neg" aria-hidden="true">▼</span> Negative
      </li>
      <li>
        <span className="legend-dot sent-neu" aria-hidden="true">●</span> Neutral
      </li>
      <li>
        <span className="legend-dot sent-pos" aria-hidden="true">▲</span> Positive
      </li>
      <li>
        <span className="legend-dot legend-esc" aria-hidden="true">!</span> Escalated
      </li>
      <li>
        <span className="legend-dot legend-pulse" aria-hidden="true" /> Someone speaking
      </li>
      <li>
        <span className="legend-dot legend-sup" aria-hidden="true">S</span> Supervisor has it
      </li>
    </ul>
  );
}
