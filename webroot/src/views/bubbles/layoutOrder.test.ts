import { describe, expect, it } from 'vitest';
import { keepSlots } from './layoutOrder';

describe('bubble slot keeping between re-layouts', () => {
  it('keeps existing slots even when the sort order changed', () => {
    expect(keepSlots(['a', 'b', 'c'], new Set(['a', 'b', 'c']), ['c', 'b', 'a'])).toEqual(['a', 'b', 'c']);
  });
  it('leaves a hole for an ended call and fills it with a new one', () => {
    expect(keepSlots(['a', 'b', 'c'], new Set(['a', 'c']), ['c', 'a'])).toEqual(['a', null, 'c']);
    expect(keepSlots(['a', null, 'c'], new Set(['a', 'c', 'd', 'e']), ['d', 'c', 'a', 'e'])).toEqual(['a', 'd', 'c', 'e']);
  });
  it('trims trailing holes', () => {
    expect(keepSlots(['a', 'b'], new Set(['a']), ['a'])).toEqual(['a']);
  });
});
