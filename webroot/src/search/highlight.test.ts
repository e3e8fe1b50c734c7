import { describe, expect, it } from 'vitest';
import { pieces } from './highlight';

describe('pieces', () => {
  it('splits a snippet at the marked ranges', () => {
    expect(pieces('I want a refund now', [[9, 15]])).toEqual([
      { text: 'I want a ', mark: false },
      { text: 'refund', mark: true },
      { text: ' now', mark: false },
    ]);
  });

  it('clips out-of-range marks and drops reversed or overlapping ones', () => {
    expect(pieces('card refund', [[5, 99], [3, 1], [6, 8], [0, 4]])).toEqual([
      { text: 'card', mark: true },
      { text: ' ', mark: false },
      { text: 'refund', mark: true },
    ]);
  });

  it('keeps text that looks like HTML as text', () => {
    const p = pieces('<img src=x onerror=alert(1)> refund', [[29, 35]]);
    expect(p[0]).toEqual({ text: '<img src=x onerror=alert(1)> ', mark: false });
    expect(p[1]).toEqual({ text: 'refund', mark: true });
  });

  it('no marks: the whole text, unmarked', () => {
    expect(pieces('hello', undefined)).toEqual([{ text: 'hello', mark: false }]);
    expect(pieces('', [])).toEqual([]);
  });
});
