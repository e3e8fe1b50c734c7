/**
 * Which axis labels fit. A chart knows its real width in pixels (measured), the distance between
 * neighbouring label slots and its label font size, so it can keep every k-th label such that no
 * two drawn labels touch — instead of a fixed "every n-th" that overlaps on a narrow screen or
 * with long labels ("Dec 1, 14") and wastes space on a wide one.
 */

/** Average advance of one character of the axis font, as a fraction of the font size (sans-serif digits and letters). */
export const CHAR_WIDTH_EM = 0.62;
/** Least free space between two drawn labels, px. */
export const LABEL_GAP_PX = 8;

/** Estimated rendered width of a label in px (no DOM needed, so it also works in tests and before layout). */
export function labelWidthPx(label: string, fontPx: number): number {
  return label.length * fontPx * CHAR_WIDTH_EM;
}

/**
 * Indices of the labels to draw: every {@code stride}-th, starting at 0, where stride is the
 * smallest step whose spacing holds the widest label plus a gap.
 *
 * @param labels every slot's label, in axis order
 * @param slotPx distance in px between the centres of neighbouring slots
 * @param fontPx font size of the axis labels
 */
export function visibleTicks(labels: readonly string[], slotPx: number, fontPx: number, gapPx = LABEL_GAP_PX): number[] {
  const n = labels.length;
  if (n === 0) return [];
  if (!(slotPx > 0)) return [0];
  const widest = Math.max(...labels.map((l) => labelWidthPx(l, fontPx)));
  const stride = Math.max(1, Math.ceil((widest + gapPx) / slotPx));
  const out: number[] = [];
  for (let i = 0; i < n; i += stride) out.push(i);
  return out;
}
