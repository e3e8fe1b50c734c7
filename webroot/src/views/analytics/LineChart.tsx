import { ChartFrame } from './ChartFrame';

export interface Series {
  name: string;
  className: string;
  values: Array<number | null>;
}

const W = 640;
const H = 200;
const PAD = { l: 44, r: 28, t: 12, b: 28 };

/** Minimal SVG line chart (no dependency). Null values break the line. */
export function LineChart({ title, labels, series, format }: { title: string; labels: string[]; series: Series[]; format: (v: number) => string }) {
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = Math.max(1e-9, ...all);
  const n = labels.length;
  const x = (i: number) => PAD.l + (n <= 1 ? (W - PAD.l - PAD.r) / 2 : (i * (W - PAD.l - PAD.r)) / (n - 1));
  const y = (v: number) => PAD.t + (1 - v / max) * (H - PAD.t - PAD.b);
  const ticks = [0, 0.5, 1].map((f) => f * max);
  const every = Math.max(1, Math.ceil(n / 8));
  return (
    <ChartFrame title={title} legend={series} empty={n === 0} width={W} height={H}>
          {ticks.map((t) => (
            <g key={t}>
              <line className="grid" x1={PAD.l} x2={W - PAD.r} y1={y(t)} y2={y(t)} />
              <text className="axis" x={PAD.l - 6} y={y(t) + 4} textAnchor="end">
                {format(t)}
              </text>
            </g>
          ))}
          {labels.map((l, i) =>
            i % every === 0 ? (
              <text key={i} className="axis" x={x(i)} y={H - 8} textAnchor="middle">
                {l}
              </text>
            ) : null,
          )}
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
    </ChartFrame>
  );
}
