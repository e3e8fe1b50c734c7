/**
 * Concentric hexagonal ring packing (seed "Bubble view"): ring 0 holds 1 position at the centre,
 * ring k holds 6k positions, ring k's hexagon has circumradius `radius × k × 1.2`, and the
 * positions of a ring lie evenly along the hexagon's six edges (k per edge, starting at a corner).
 * Index 0 is the centre; indices fill ring 1, then ring 2, … so the first items sit in the middle.
 *
 * Adjacent positions are at least radius × 1.2 × cos 30° ≈ 1.04 × radius apart, so a circle drawn
 * with a visual radius ≤ 0.5 × radius never overlaps its neighbours.
 */

export interface Point {
  x: number;
  y: number;
}

export const RING_SPACING = 1.2;

/** Number of positions in ring k. */
export function ringSize(k: number): number {
  return k === 0 ? 1 : 6 * k;
}

/** Distance of ring k's corners from the centre. */
export function ringDistance(k: number, radius: number): number {
  return radius * k * RING_SPACING;
}

/** Ring and position-within-ring of a fill index. */
export function ringOf(index: number): { ring: number; pos: number } {
  if (index <= 0) return { ring: 0, pos: 0 };
  // Positions before ring k: 1 + 3k(k-1).
  let k = Math.max(1, Math.floor((3 + Math.sqrt(Math.max(0, 12 * index - 3))) / 6));
  while (1 + 3 * k * (k + 1) <= index) k++;
  while (k > 1 && 1 + 3 * k * (k - 1) > index) k--;
  return { ring: k, pos: index - (1 + 3 * k * (k - 1)) };
}

/** Rings needed for n positions. */
export function ringsFor(n: number): number {
  if (n <= 1) return 0;
  return ringOf(n - 1).ring;
}

// Pointy-top hexagon corners, starting at the top and going clockwise (screen y grows down).
const CORNERS: readonly Point[] = Array.from({ length: 6 }, (_, i) => {
  const a = -Math.PI / 2 + (i * Math.PI) / 3;
  return { x: Math.cos(a), y: Math.sin(a) };
});

/** Position of a fill index relative to the centre. */
export function hexPosition(index: number, radius: number): Point {
  const { ring, pos } = ringOf(index);
  if (ring === 0) return { x: 0, y: 0 };
  const d = ringDistance(ring, radius);
  const side = Math.floor(pos / ring);
  const step = pos % ring;
  const a = CORNERS[side] as Point;
  const b = CORNERS[(side + 1) % 6] as Point;
  const t = step / ring;
  return { x: d * (a.x + (b.x - a.x) * t), y: d * (a.y + (b.y - a.y) * t) };
}

/** Positions for n items (index order = fill order). */
export function hexLayout(n: number, radius: number): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < n; i++) out.push(hexPosition(i, radius));
  return out;
}

/** Half-size of the square that holds n positions (for the SVG viewBox / container size). */
export function layoutExtent(n: number, radius: number): number {
  return ringDistance(ringsFor(n), radius) + radius;
}
