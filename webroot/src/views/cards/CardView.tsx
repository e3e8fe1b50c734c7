import { useMemo, useState } from 'react';
import { useCalls } from '../../hooks/useLive';
import { CallCard } from './CallCard';
import { CardToolbar } from './CardToolbar';
import { DEFAULT_FILTER, filterAndSort, languagesOf, type CardFilter } from './cardFilters';

export function CardView() {
  const calls = useCalls();
  const [filter, setFilter] = useState<CardFilter>(DEFAULT_FILTER);
  const list = useMemo(() => filterAndSort(calls.byRoom.values(), filter), [calls.byRoom, filter]);
  const languages = useMemo(() => languagesOf(calls.byRoom.values()), [calls.byRoom]);
  return (
    <section className="view" aria-labelledby="cards-title">
      <div className="view-head">
        <h1 id="cards-title">Calls</h1>
        <span className="muted">
          {list.length} of {calls.byRoom.size} shown{calls.status !== 'live' ? ` · ${calls.status}` : ''}
        </span>
      </div>
      <CardToolbar filter={filter} onChange={setFilter} languages={languages} />
      {list.length === 0 ? (
        <p className="empty">{calls.byRoom.size === 0 ? 'No live calls right now.' : 'No call matches the filters.'}</p>
      ) : (
        <div className="card-grid">
          {list.map((c) => (
            <CallCard key={c.room} call={c} />
          ))}
        </div>
      )}
    </section>
  );
}
