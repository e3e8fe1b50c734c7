import { describe, expect, it } from 'vitest';
import { labelWidthPx, LABEL_GAP_PX, visibleTicks } from './ticks';

/** Drawn labels centred on their slots must leave at least the gap between each other. */
function overlaps(labels: string[], shown: number[], slotPx: number, fontPx: number): boolean {
  for (let k = 1; k < shown.length; k++) {
    const a = shown[k - 1]!;
    const b = shown[k]!;
    const room = (b - a) * slotPx;
    const need = (labelWidthPx(labels[a]!, fontPx) + labelWidthPx(labels[b]!, fontPx)) / 2 + LABEL_GAP_PX;
    if (room < need) return true;
  }
  return false;
}

const hours = Array.from({ length: 24 }, (_, h) => `Dec 1, ${String(h).padStart(2, '0')}`);
const days = Array.from({ length: 30 }, (_, d) => `Nov ${d + 1}`);

describe('visibleTicks', () => {
  it('keeps every label when there is room', () => {
    expect(visibleTicks(['Mon', 'Tue', 'Wed'], 120, 10)).toEqual([0, 1, 2]);
  });

  it('thins 24 long hour labels on a narrow chart so none overlap', () => {
    const slot = 400 / 24;
    const shown = visibleTicks(hours, slot, 10);
    expect(shown.length).toBeLessThan(24);
    expect(shown.length).toBeGreaterThan(1);
    expect(shown[0]).toBe(0);
    expect(overlaps(hours, shown, slot, 10)).toBe(false);
    // one step less thinning would overlap: the stride is the smallest that fits
    const stride = shown[1]! - shown[0]!;
    const denser = hours.map((_, i) => i).filter((i) => i % (stride - 1) === 0);
    expect(stride === 1 || overlaps(hours, denser, slot, 10)).toBe(true);
  });

  it('shows more labels on a wider chart', () => {
    const narrow = visibleTicks(days, 380 / 30, 10);
    const wide = visibleTicks(days, 1200 / 30, 10);
    expect(wide.length).toBeGreaterThan(narrow.length);
    expect(overlaps(days, wide, 1200 / 30, 10)).toBe(false);
    expect(overlaps(days, narrow, 380 / 30, 10)).toBe(false);
  });

  it('a larger font needs more thinning', () => {
    expect(visibleTicks(days, 20, 14).length).toBeLessThan(visibleTicks(days, 20, 10).length);
  });

  it('handles no labels and a zero-width chart', () => {
    expect(visibleTicks([], 50, 10)).toEqual([]);
    expect(visibleTicks(days, 0, 10)).toEqual([0]);
  });
});
