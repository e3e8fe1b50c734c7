import { ChartFrame } from './ChartFrame';

const W = 640;
const H = 180;
const PAD = { l: 36, r: 8, t: 10, b: 26 };

export interface StackPart {
  name: string;
  className: string;
  values: number[];
}

/** Minimal SVG (stacked) bar chart. */
export function BarChart({ title, labels, parts, format = (v) => String(Math.round(v)) }: { title: string; labels: string[]; parts: StackPart[]; format?: (v: number) => string }) {
  const n = labels.length;
  const totals = labels.map((_, i) => parts.reduce((s, p) => s + (p.values[i] ?? 0), 0));
  const max = Math.max(1e-9, ...totals);
  const bw = n === 0 ? 0 : (W - PAD.l - PAD.r) / n;
  const h = (v: number) => (v / max) * (H - PAD.t - PAD.b);
  const every = Math.max(1, Math.ceil(n / 12));
  return (
    <ChartFrame title={title} legend={parts.length > 1 ? parts : []} empty={n === 0} width={W} height={H}>
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
                {i % every === 0 && (
                  <text className="axis" x={PAD.l + i * bw + bw / 2} y={H - 8} textAnchor="middle">
                    {l}
                  </text>
                )}
              </g>
            );
          })}
    </ChartFrame>
  );
}
