import type { Kpis } from '../../analytics/adapter';
import { fmtMs, fmtPct } from './format';

export function KpiTiles({ totals }: { totals: Kpis }) {
  const s = totals.sentiment;
  const sentTotal = s.negative + s.neutral + s.positive;
  const tiles: Array<[string, string, string?]> = [
    ['Calls', String(totals.volume)],
    ['AHT', fmtMs(totals.ahtMs), 'average handle time'],
    ['ATT', fmtMs(totals.attMs), 'average talk time'],
    ['Completion', fmtPct(totals.completionRate)],
    ['Transfers', fmtPct(totals.transferRate)],
    ['Take-overs', fmtPct(totals.takeoverRate)],
    ['Escalations', fmtPct(totals.escalationRate)],
    ['Negative', sentTotal > 0 ? fmtPct(s.negative / sentTotal) : '—', 'share of negative calls'],
  ];
  return (
    <div className="kpis" data-testid="kpis">
      {tiles.map(([k, v, hint]) => (
        <div key={k} className="kpi" title={hint}>
          <div className="kpi-v">{v}</div>
          <div className="kpi-k">{k}</div>
        </div>
      ))}
    </div>
  );
}
