import { useEffect, useState } from 'react';
import { useServices } from '../../app/context';
import { queryAnalytics, type AnalyticsQuery, type AnalyticsResult } from '../../analytics/adapter';
import { useConnection } from '../../hooks/useLive';
import { errorMessage } from '../../transport/types';
import { BarChart } from './BarChart';
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
      {result && (
        <>
          <KpiTiles totals={result.totals} />
          <div className="chart-grid">
            <BarChart title="Call volume" labels={labels} parts={[{ name: 'Calls', className: 's-vol', values: b.map((x) => x.volume) }]} />
            <LineChart
              title="Handle and talk time (m:ss)"
              labels={labels}
              format={fmtMs}
              series={[
                { name: 'AHT', className: 's-aht', values: b.map((x) => x.ahtMs) },
                { name: 'ATT', className: 's-att', values: b.map((x) => x.attMs) },
              ]}
            />
            <LineChart
              title="Rates"
              labels={labels}
              format={fmtPct}
              series={[
                { name: 'Completion', className: 's-comp', values: b.map((x) => x.completionRate) },
                { name: 'Transfer', className: 's-xfer', values: b.map((x) => x.transferRate) },
                { name: 'Take-over', className: 's-take', values: b.map((x) => x.takeoverRate) },
                { name: 'Escalation', className: 's-esc', values: b.map((x) => x.escalationRate) },
              ]}
            />
            <BarChart
              title="Sentiment mix"
              labels={labels}
              parts={[
                { name: '▼ Negative', className: 'sent-neg', values: b.map((x) => x.sentiment.negative) },
                { name: '● Neutral', className: 'sent-neu', values: b.map((x) => x.sentiment.neutral) },
                { name: '▲ Positive', className: 'sent-pos', values: b.map((x) => x.sentiment.positive) },
              ]}
            />
            <BarChart
              title="Busiest hours of the day"
              labels={result.busiestHours.map((h) => `${String(h.hour).padStart(2, '0')}h`)}
              parts={[{ name: 'Calls', className: 's-vol', values: result.busiestHours.map((h) => h.volume) }]}
            />
          </div>
        </>
      )}
      {!result && !error && <p className="muted">{conn.status === 'open' ? 'Loading…' : 'Waiting for the connection…'}</p>}
    </section>
  );
}
