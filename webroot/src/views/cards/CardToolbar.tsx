import type { CardFilter, SortKey } from './cardFilters';

export function CardToolbar({ filter, onChange, languages }: { filter: CardFilter; onChange: (f: CardFilter) => void; languages: string[] }) {
  return (
    <div className="toolbar" role="search">
      <label>
        Search
        <input type="search" placeholder="room, customer, agent" value={filter.text} onChange={(e) => onChange({ ...filter, text: e.target.value })} />
      </label>
      <label>
        Sentiment
        <select value={filter.sentiment} onChange={(e) => onChange({ ...filter, sentiment: e.target.value as CardFilter['sentiment'] })}>
          <option value="all">All</option>
          <option value="negative">▼ Negative</option>
          <option value="neutral">● Neutral</option>
          <option value="positive">▲ Positive</option>
        </select>
      </label>
      <label>
        Language
        <select value={filter.language} onChange={(e) => onChange({ ...filter, language: e.target.value })}>
          <option value="">All</option>
          {languages.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={filter.escalatedOnly} onChange={(e) => onChange({ ...filter, escalatedOnly: e.target.checked })} />
        Escalated only
      </label>
      <label>
        Sort by
        <select value={filter.sort} onChange={(e) => onChange({ ...filter, sort: e.target.value as SortKey })}>
          <option value="sentiment">Needs help first</option>
          <option value="duration">Longest first</option>
          <option value="customer">Customer</option>
          <option value="agent">Agent</option>
          <option value="room">Room</option>
        </select>
      </label>
    </div>
  );
}
