import { useCallback, useState, type FormEvent, type ReactNode } from 'react';
import { useServices } from '../../app/context';
import { archiveHref } from '../../hooks/useHashRoute';
import { EMPTY_FILTERS, noFilters, searchCalls, type SearchFilters, type SearchHit, type SearchPage } from '../../search/searchApi';
import { errorMessage } from '../../transport/types';
import { formatDuration } from '../common/Duration';
import { SentimentBadge } from '../common/SentimentBadge';
import { Highlighted } from './Highlighted';

type Status = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done' };

/** Why a search found nothing, in words the analyst can act on. */
export function emptyReason(f: SearchFilters, page: SearchPage | null): string {
  if (!page) return '';
  if (noFilters(f)) return 'The archive holds no calls yet: calls appear here once they have ended and been archived.';
  const parts: string[] = [];
  if (f.q.trim()) parts.push(`no archived transcript contains every word of “${f.q.trim()}”`);
  const filters = (['agent', 'language', 'sentiment', 'tag', 'rule'] as const).filter((k) => f[k].trim()).map((k) => `${k} ${f[k].trim()}`);
  if (f.from || f.to) filters.push('the date range');
  if (f.minMinutes || f.maxMinutes) filters.push('the duration range');
  if (filters.length) parts.push(`${f.q.trim() ? 'with' : 'no call matches'} ${filters.join(', ')}`);
  return `No calls found: ${parts.join(' ')}. Words must match whole (add * for a prefix, e.g. refund*); try fewer words or filters.`;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="search-field">
      <span className="muted small">{label}</span>
      {children}
    </label>
  );
}

export function SearchView() {
  const { transport } = useServices();
  const [filters, setFilters] = useState<SearchFilters>(EMPTY_FILTERS);
  const [asked, setAsked] = useState<SearchFilters>(EMPTY_FILTERS);
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [page, setPage] = useState<SearchPage | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const set = (k: keyof SearchFilters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [k]: e.target.value }));

  const run = useCallback(
    (f: SearchFilters, cursor: string | null) => {
      setStatus({ kind: 'loading' });
      searchCalls(transport, f, cursor).then(
        (p) => {
          setHits((h) => (cursor ? [...h, ...p.items] : p.items));
          setPage((prev) => (cursor ? { ...p, total: prev?.total ?? p.total } : p));
          setStatus({ kind: 'done' });
        },
        (e) => setStatus({ kind: 'error', message: errorMessage(e) }),
      );
    },
    [transport],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked(filters);
    run(filters, null);
  };

  return (
    <section className="view search-view" data-testid="search-view">
      <h1>Search calls</h1>
      <form className="search-form" onSubmit={submit} role="search">
        <div className="search-row">
          <input
            className="search-q"
            type="search"
            aria-label="Words said on the call"
            placeholder="Words said on the call, e.g. refund card (word* for a prefix)"
            value={filters.q}
            onChange={set('q')}
            maxLength={200}
            data-testid="search-q"
          />
          <button className="btn" type="submit" disabled={status.kind === 'loading'} data-testid="search-submit">
            Search
          </button>
        </div>
        <div className="search-filters">
          <Field label="Agent">
            <input value={filters.agent} onChange={set('agent')} data-testid="search-agent" />
          </Field>
          <Field label="Language">
            <input value={filters.language} onChange={set('language')} placeholder="en" size={4} />
          </Field>
          <Field label="Sentiment">
            <select value={filters.sentiment} onChange={set('sentiment')} data-testid="search-sentiment">
              <option value="">any</option>
              <option value="negative">negative</option>
              <option value="neutral">neutral</option>
              <option value="positive">positive</option>
            </select>
          </Field>
          <Field label="Tag">
            <input value={filters.tag} onChange={set('tag')} placeholder="vip, billing" />
          </Field>
          <Field label="Rule fired">
            <input value={filters.rule} onChange={set('rule')} />
          </Field>
          <Field label="From">
            <input type="date" value={filters.from} onChange={set('from')} />
          </Field>
          <Field label="To">
            <input type="date" value={filters.to} onChange={set('to')} />
          </Field>
          <Field label="Min minutes">
            <input type="number" min={0} step="any" value={filters.minMinutes} onChange={set('minMinutes')} size={4} />
          </Field>
          <Field label="Max minutes">
            <input type="number" min={0} step="any" value={filters.maxMinutes} onChange={set('maxMinutes')} size={4} />
          </Field>
        </div>
      </form>

      {status.kind === 'error' && (
        <p className="form-error" role="alert" data-testid="search-error">
          Search failed: {status.message}
        </p>
      )}
      {page && (
        <p className="muted small" data-testid="search-count">
          {typeof page.total === 'number' ? `${page.total} calls` : ''} · showing {hits.length} · newest first
        </p>
      )}
      {page && hits.length === 0 && status.kind === 'done' && (
        <p className="empty-state" data-testid="search-empty">
          {emptyReason(asked, page)}
        </p>
      )}
      <ol className="search-hits" data-testid="search-hits">
        {hits.map((h) => (
          <li key={h.call_id} className="search-hit" data-testid="search-hit">
            <a href={archiveHref(h.call_id)} className="search-hit-head">
              <b>{h.customer || 'Unknown customer'}</b> <span className="mono small muted">{h.room}</span>
            </a>
            <div className="room-meta small">
              <time dateTime={h.started_at}>{new Date(h.started_at).toLocaleString()}</time>
              <span>Agent: {h.agent || '—'}</span>
              <span>Language: {h.language || '—'}</span>
              {typeof h.duration_ms === 'number' && <span>Duration: {formatDuration(h.duration_ms)}</span>}
              <SentimentBadge label={h.sentiment ?? undefined} score={h.sentiment_score ?? undefined} />
              {h.escalated && <span className="chip">escalated</span>}
              {h.took_over && <span className="chip">taken over</span>}
              {h.demo && <span className="chip">demo</span>}
              {h.tags.map((t) => (
                <span key={`t-${t}`} className="chip chip-tag">
                  #{t}
                </span>
              ))}
              {h.rules.map((r) => (
                <span key={`r-${r}`} className="chip chip-rule">
                  rule: {r}
                </span>
              ))}
            </div>
            {h.snippets.length > 0 && (
              <ul className="search-snippets">
                {h.snippets.map((s) => (
                  <li key={s.seq} data-testid="search-snippet">
                    <a href={archiveHref(h.call_id, s.seq)}>
                      <span className="muted small">{s.role === 'user' ? 'Customer' : s.role === 'agent' ? 'Agent' : s.role}: </span>
                      <Highlighted text={s.text} marks={s.marks} />
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {page?.next_cursor && (
        <button className="btn btn-ghost" onClick={() => run(asked, page.next_cursor)} disabled={status.kind === 'loading'} data-testid="search-more">
          {status.kind === 'loading' ? 'Loading…' : 'More results'}
        </button>
      )}
      {status.kind === 'idle' && <p className="muted">Search the archive by words said, agent, language, sentiment, tags, rules, date or duration.</p>}
    </section>
  );
}
