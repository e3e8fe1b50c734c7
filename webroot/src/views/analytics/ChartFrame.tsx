import type { ReactNode } from 'react';

export interface LegendItem {
  name: string;
  className: string;
}

/**
 * The frame every analytics chart shares: caption with legend, a plain "no data" line for an empty
 * range, and the SVG canvas (the chart draws its marks as children).
 */
export function ChartFrame({ title, legend, empty, width, height, children }: {
  title: string;
  legend: LegendItem[];
  empty: boolean;
  width: number;
  height: number;
  children: ReactNode;
}) {
  return (
    <figure className="chart">
      <figcaption>
        {title}
        {legend.length > 0 && (
          <span className="chart-legend">
            {legend.map((p) => (
              <span key={p.name} className={`lg ${p.className}`}>
                <i aria-hidden="true" /> {p.name}
              </span>
            ))}
          </span>
        )}
      </figcaption>
      {empty ? (
        <p className="muted small">No data in this range.</p>
      ) : (
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} preserveAspectRatio="none">
          {children}
        </svg>
      )}
    </figure>
  );
}
