import { AXIS_FONT_PX, ChartFrame } from './ChartFrame';
import { visibleTicks } from './ticks';

export interface Series {
  name: string;
  className: string;
  values: Array<number | null>;
}

const H = 200;
const PAD = { l: 44, r: 28, t: 12, b: 28 };

/** Minimal SVG line chart (no dependency). Null values break the line; {@code empty} says why there is nothing to draw. */
export function LineChart({ title, labels, series, format, empty = null }: {
  title: string;
  labels: string[];
  series: Series[];
  format: (v: number) => string;
  empty?: string | null;
}) {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = Math.max(1e-9, ...all);
  const n = labels.length;
  const y = (v: number) => PAD.t + (1 - v / max) * (H - PAD.t - PAD.b);
  const ticks = [0, 0.5, 1].map((f) => f * max);
  return (
    <ChartFrame title={title} legend={series} empty={n === 0 ? 'No buckets in this range.' : empty} height={H}>
      {(W) => {
        const plot = W - PAD.l - PAD.r;
        const x = (i: number) => PAD.l + (n <= 1 ? plot / 2 : (i * plot) / (n - 1));
        const shown = visibleTicks(labels, n <= 1 ? plot : plot / (n - 1), AXIS_FONT_PX);
        return (
          <>
            {ticks.map((t) => (
              <g key={t}>
                <line className="grid" x1={PAD.l} x2={W - PAD.r} y1={y(t)} y2={y(t)} />
                <text className="axis" x={PAD.l - 6} y={y(t) + 4} textAnchor="end">
                  {format(t)}
                </text>
              </g>
            ))}
            {shown.map((i) => (
              <text key={i} className="axis" data-testid="x-tick" x={x(i)} y={H - 8} textAnchor="middle">
                {labels[i]}
              </text>
            ))}
            {series.map((s) => {
              let d = '';
              let pen = false;
              s.values.forEach((v, i) => {
                if (v === null) {
                  pen = false;
                  return;
                }
                d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
                pen = true;
              });
              return (
                <g key={s.name} className={s.className}>
                  <path className="line" d={d} />
                  {s.values.map((v, i) =>
                    v === null ? null : (
                      <circle key={i} className="pt" cx={x(i)} cy={y(v)} r={2.5}>
                        <title>{`${labels[i]}: ${s.name} ${format(v)}`}</title>
                      </circle>
                    ),
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
