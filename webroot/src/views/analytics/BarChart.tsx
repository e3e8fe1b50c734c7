import { AXIS_FONT_PX, ChartFrame } from './ChartFrame';
import { visibleTicks } from './ticks';

const H = 190;
const PAD = { l: 36, r: 8, t: 10, b: 26 };

export interface StackPart {
  name: string;
  className: string;
  values: number[];
}

/** Minimal SVG (stacked) bar chart; {@code empty} says why there is nothing to draw. */
export function BarChart({ title, labels, parts, empty = null, format = (v) => String(Math.round(v)) }: {
  title: string;
  labels: string[];
  parts: StackPart[];
  empty?: string | null;
  format?: (v: number) => string;
}) {
  const n = labels.length;
  const totals = labels.map((_, i) => parts.reduce((s, p) => s + (p.values[i] ?? 0), 0));
  const max = Math.max(1e-9, ...totals);
  const h = (v: number) => (v / max) * (H - PAD.t - PAD.b);
  return (
    <ChartFrame title={title} legend={parts.length > 1 ? parts : []} empty={n === 0 ? 'No buckets in this range.' : empty} height={H}>
      {(W) => {
        const bw = (W - PAD.l - PAD.r) / n;
        const ticks = new Set(visibleTicks(labels, bw, AXIS_FONT_PX));
        return (
          <>
            <line className="grid" x1={PAD.l} x2={W - PAD.r} y1={H - PAD.b} y2={H - PAD.b} />
            <text className="axis" x={PAD.l - 6} y={PAD.t + 8} textAnchor="end">
              {format(max)}
            </text>
            {labels.map((l, i) => {
              let y0 = H - PAD.b;
              return (
                <g key={i}>
                  {parts.map((p) => {
                    const v = p.values[i] ?? 0;
                    const hh = h(v);
                    y0 -= hh;
                    return (
                      <rect key={p.name} className={`bar ${p.className}`} x={PAD.l + i * bw + bw * 0.15} width={bw * 0.7} y={y0} height={Math.max(0, hh)}>
                        <title>{`${l}: ${p.name} ${format(v)}`}</title>
                      </rect>
                    );
                  })}
                  {ticks.has(i) && (
                    <text className="axis" data-testid="x-tick" x={PAD.l + i * bw + bw / 2} y={H - 8} textAnchor="middle">
                      {l}
                    </text>
                  )}
                </g>
              );
            })}
          </>
        );
      }}
    </ChartFrame>
  );
}
