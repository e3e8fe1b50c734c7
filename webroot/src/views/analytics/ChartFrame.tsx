import { useRef, type ReactNode } from 'react';
import { useElementSize } from '../../hooks/useElementSize';

export interface LegendItem {
  name: string;
  className: string;
}

/** Font size of axis labels in px (the SVG is drawn in real pixels, so this is what is rendered; see styles.css .chart .axis). */
export const AXIS_FONT_PX = 10;

/**
 * The frame every analytics chart shares: caption with legend, a line saying why a chart is empty,
 * and the SVG canvas. The canvas is measured and drawn 1:1 in pixels (no stretched viewBox), so the
 * chart can compute which axis labels fit ({@link ./ticks}).
 */
export function ChartFrame({ title, legend, empty, height, children }: {
  title: string;
  legend: LegendItem[];
  /** why there is nothing to draw, or null */
  empty: string | null;
  height: number;
  children: (width: number) => ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(box);
  const w = Math.max(120, Math.round(width));
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
      <div ref={box} className="chart-canvas">
        {empty ? (
          <p className="muted small chart-empty" data-testid="chart-empty">
            {empty}
          </p>
        ) : (
          <svg width={w} height={height} viewBox={`0 0 ${w} ${height}`} role="img" aria-label={title}>
            {children(w)}
          </svg>
        )}
      </div>
    </figure>
  );
}
