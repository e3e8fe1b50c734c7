/**
 * Splits a snippet into plain and marked pieces from the server's [start, end) offsets. The text
 * is never parsed as HTML: the view renders each piece as a text node, marked ones inside <mark>.
 * Offsets out of range, reversed or overlapping are clipped or dropped, never trusted.
 */
export interface Piece {
  text: string;
  mark: boolean;
}

export function pieces(text: string, marks: ReadonlyArray<readonly [number, number]> | undefined): Piece[] {
  const ranges = (marks ?? [])
    .filter((m) => Array.isArray(m) && Number.isInteger(m[0]) && Number.isInteger(m[1]))
    .map(([s, e]) => [Math.max(0, s), Math.min(text.length, e)] as const)
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0]);
  const out: Piece[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at) continue; // overlaps the previous mark
    if (s > at) out.push({ text: text.slice(at, s), mark: false });
    out.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}
