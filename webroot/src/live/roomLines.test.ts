import { describe, expect, it } from 'vitest';
import { tl } from '../test/roomFixtures';
import type { LogLine } from './types';
import { annotationSeed, effectiveInterim, mergeLines } from './roomLines';

describe('roomLines — the held log of a room', () => {
  it('mergeLines keeps ascending seq, inserts out-of-order lines and drops seqs already held', () => {
    const seqs = new Set<number>();
    const a = mergeLines([], seqs, [tl(3), tl(1)]);
    expect(a.map((l) => l.seq)).toEqual([1, 3]);
    const b = mergeLines(a, seqs, [tl(2), tl(3), tl(4), tl(2)]);
    expect(b.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect([...seqs].sort()).toEqual([1, 2, 3, 4]);
    expect(mergeLines(b, seqs, [tl(1)])).toBe(b); // nothing new: the same array
  });

  it('effectiveInterim hides the interim once a later final line by the same role is held (no segment id)', () => {
    const fields = { interim: { role: 'user' as const, text: 'hel', ts: 1002 } };
    expect(effectiveInterim(fields, [tl(1)])).toMatchObject({ text: 'hel' }); // ts 1001 < 1002
    expect(effectiveInterim(fields, [tl(1), tl(2, 'agent')])).toMatchObject({ text: 'hel' }); // other role
    expect(effectiveInterim(fields, [tl(1), tl(2)])).toBeNull();
  });

  it('annotationSeed takes the sentiment of annotation lines by the seq they refer to', () => {
    const seeded = annotationSeed([tl(1), { seq: 2, kind: 'annotation', ts: 1, ref: 1, sentiment: { label: 'negative' } }, { seq: 3, kind: 'annotation', ts: 1 } as unknown as LogLine]);
    expect(seeded).toEqual([[1, { label: 'negative' }]]);
  });
});
