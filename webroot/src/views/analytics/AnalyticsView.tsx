import { useEffect, useState } from 'react';
import { useServices } from '../../app/context';
import { queryAnalytics, type AnalyticsQuery, type AnalyticsResult } from '../../analytics/adapter';
import { useConnection } from '../../hooks/useLive';
import { errorMessage } from '../../transport/types';
import { BarChart } from './BarChart';
import { barsEmptyReason, rangeEmptyReason, seriesEmptyReason } from './emptyState';
import { fmtBucket, fmtMs, fmtPct } from './format';
import { KpiTiles } from './KpiTiles';
import { LineChart } from './LineChart';
import { defaultQuery, RangePicker } from './RangePicker';

export function AnalyticsView() {
  const { transport } = useServices();
  const conn = useConnection();
  const [query, setQuery] = useState<AnalyticsQuery>(() => defaultQuery());
  const [result, setResult] = useState<AnalyticsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (conn.status !== 'open') return;
    let cancelled = false;
    setBusy(true);
    setError(null);
    queryAnalytics(transport, query)
      .then((r) => !cancelled && setResult(r))
      .catch((e: unknown) => !cancelled && setError(errorMessage(e)))
      .finally(() => !cancelled && setBusy(false));
    return () => {
      cancelled = true;
    };
  }, [transport, query, conn.status, conn.generation]);

  const labels = result?.buckets.map((b) => fmtBucket(b.start, query.bucket)) ?? [];
  const b = result?.buckets ?? [];
  const emptyRange = result ? rangeEmptyReason(result, query) : null;
  const noCalls = 'No archived calls in any bucket of this range.';
  const times = [
    { name: 'AHT', className: 's-aht', values: b.map((x) => x.ahtMs) },
    { name: 'ATT', className: 's-att', values: b.map((x) => x.attMs) },
  ];
  const rates = [
    { name: 'Completion', className: 's-comp', values: b.map((x) => x.completionRate) },
    { name: 'Transfer', className: 's-xfer', values: b.map((x) => x.transferRate) },
    { name: 'Take-over', className: 's-take', values: b.map((x) => x.takeoverRate) },
    { name: 'Escalation', className: 's-esc', values: b.map((x) => x.escalationRate) },
  ];
  const sentiment = [
    { name: '▼ Negative', className: 'sent-neg', values: b.map((x) => x.sentiment.negative) },
    { name: '● Neutral', className: 'sent-neu', values: b.map((x) => x.sentiment.neutral) },
    { name: '▲ Positive', className: 'sent-pos', values: b.map((x) => x.sentiment.positive) },
  ];
  const volume = [{ name: 'Calls', className: 's-vol', values: b.map((x) => x.volume) }];
  const hours = [{ name: 'Calls', className: 's-vol', values: result?.busiestHours.map((h) => h.volume) ?? [] }];
  return (
    <section className="view analytics" aria-labelledby="analytics-title" data-testid="analytics-view">
      <div className="view-head">
        <h1 id="analytics-title">Analytics</h1>
        <span className="muted small">From the call archive</span>
      </div>
      <RangePicker value={query} onApply={setQuery} busy={busy} />
      {error && (
        <p className="form-error" role="alert">
          Could not load analytics: {error}
        </p>
      )}
      {result && result.totals.demoCalls > 0 && (
        <p className="demo-marker" data-testid="demo-marker">
          <strong>Demo data</strong> — {result.totals.demoCalls === result.totals.volume ? 'all' : `${result.totals.demoCalls} of`} {result.totals.volume} calls in this
          range are generated history of the embedded demo, not real calls (<code>scripts/run --no-demo-history</code> starts without them).
        </p>
      )}
      {result && (
        <>
          <KpiTiles totals={result.totals} />
          {emptyRange ? (
            <p className="analytics-empty muted" data-testid="analytics-empty">
              {emptyRange}
            </p>
          ) : (
            <div className="chart-grid">
              <BarChart title="Call volume" labels={labels} parts={volume} empty={barsEmptyReason(volume, noCalls)} />
              <LineChart title="Handle and talk time (m:ss)" labels={labels} format={fmtMs} series={times} empty={seriesEmptyReason(times, noCalls)} />
              <LineChart title="Rates" labels={labels} format={fmtPct} series={rates} empty={seriesEmptyReason(rates, noCalls)} />
              <BarChart
                title="Sentiment mix"
                labels={labels}
                parts={sentiment}
                empty={barsEmptyReason(sentiment, 'No call in this range has a sentiment score yet.')}
              />
              <BarChart
                title="Busiest hours of the day"
                labels={result.busiestHours.map((h) => `${String(h.hour).padStart(2, '0')}h`)}
                parts={hours}
                empty={barsEmptyReason(hours, noCalls)}
              />
            </div>
          )}
        </>
      )}
      {!result && !error && <p className="muted">{conn.status === 'open' ? 'Loading…' : 'Waiting for the connection…'}</p>}
    </section>
  );
}
