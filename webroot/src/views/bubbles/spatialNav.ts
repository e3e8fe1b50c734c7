import type { Point } from '../../layout/hex';

export type Direction = 'left' | 'right' | 'up' | 'down';

const VEC: Record<Direction, Point> = { left: { x: -1, y: 0 }, right: { x: 1, y: 0 }, up: { x: 0, y: -1 }, down: { x: 0, y: 1 } };

/** Index of the nearest point in a direction from `from` (null when none). */
export function nearestInDirection(points: readonly Point[], from: number, dir: Direction): number | null {
  const o = points[from];
  if (!o) return null;
  const v = VEC[dir];
  let best: number | null = null;
  let bestScore = Infinity;
  points.forEach((p, i) => {
    if (i === from) return;
    const dx = p.x - o.x;
    const dy = p.y - o.y;
    const along = dx * v.x + dy * v.y;
    if (along <= 1e-6) return;
    const across = Math.abs(dx * v.y - dy * v.x);
    if (across > along * 2) return; // outside a ~63° cone
    const score = along + across * 2;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}
