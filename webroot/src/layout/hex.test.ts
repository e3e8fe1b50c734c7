import { describe, expect, it } from 'vitest';
import { hexLayout, hexPosition, layoutExtent, ringDistance, ringOf, ringSize, ringsFor } from './hex';

const R = 10;
const dist = (p: { x: number; y: number }) => Math.hypot(p.x, p.y);

describe('hex ring layout', () => {
  it('ring sizes are 1, 6, 12, 18 …', () => {
    expect([0, 1, 2, 3, 4].map(ringSize)).toEqual([1, 6, 12, 18, 24]);
  });

  it('fill indices map to rings in order', () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 1 + 6 + 12 + 18 + 24; i++) {
      const { ring } = ringOf(i);
      counts.set(ring, (counts.get(ring) ?? 0) + 1);
    }
    expect([...counts.entries()]).toEqual([
      [0, 1],
      [1, 6],
      [2, 12],
      [3, 18],
      [4, 24],
    ]);
    expect(ringOf(0)).toEqual({ ring: 0, pos: 0 });
    expect(ringOf(1)).toEqual({ ring: 1, pos: 0 });
    expect(ringOf(6)).toEqual({ ring: 1, pos: 5 });
    expect(ringOf(7)).toEqual({ ring: 2, pos: 0 });
    expect(ringOf(19)).toEqual({ ring: 3, pos: 0 });
    expect(ringsFor(1)).toBe(0);
    expect(ringsFor(7)).toBe(1);
    expect(ringsFor(8)).toBe(2);
  });

  it('index 0 is the centre and ring k corners are at radius × k × 1.2', () => {
    expect(hexPosition(0, R)).toEqual({ x: 0, y: 0 });
    expect(ringDistance(3, R)).toBeCloseTo(36);
    for (const k of [1, 2, 3, 5]) {
      const first = 1 + 3 * k * (k - 1);
      for (let side = 0; side < 6; side++) {
        expect(dist(hexPosition(first + side * k, R))).toBeCloseTo(R * k * 1.2, 6);
      }
    }
  });

  it('every position of ring k lies on the hexagon (between apothem and circumradius)', () => {
    for (const k of [1, 2, 4]) {
      const first = 1 + 3 * k * (k - 1);
      for (let p = 0; p < 6 * k; p++) {
        const d = dist(hexPosition(first + p, R));
        expect(d).toBeLessThanOrEqual(R * k * 1.2 + 1e-9);
        expect(d).toBeGreaterThanOrEqual(R * k * 1.2 * Math.cos(Math.PI / 6) - 1e-9);
      }
    }
  });

  it('no two positions are equal and neighbours keep a minimum spacing', () => {
    const pts = hexLayout(400, R);
    const keys = new Set(pts.map((p) => `${p.x.toFixed(6)},${p.y.toFixed(6)}`));
    expect(keys.size).toBe(400);
    let min = Infinity;
    for (let i = 0; i < pts.length; i++)
      for (let j = i + 1; j < pts.length; j++) {
        const a = pts[i]!;
        const b = pts[j]!;
        min = Math.min(min, Math.hypot(a.x - b.x, a.y - b.y));
      }
    expect(min).toBeGreaterThanOrEqual(R * 1.2 * Math.cos(Math.PI / 6) - 1e-6);
  });

  it('fills from the centre outward (distance never decreases by ring)', () => {
    const pts = hexLayout(100, R);
    for (let i = 1; i < pts.length; i++) {
      const ri = ringOf(i).ring;
      const rp = ringOf(i - 1).ring;
      expect(ri).toBeGreaterThanOrEqual(rp);
    }
    expect(layoutExtent(100, R)).toBeGreaterThan(Math.max(...pts.map(dist)));
  });
});
