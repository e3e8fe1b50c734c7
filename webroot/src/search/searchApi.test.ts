import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, noFilters, searchBody } from './searchApi';

describe('searchBody', () => {
  it('sends only what is set, trimmed, with the page size', () => {
    expect(searchBody({ ...EMPTY_FILTERS, q: '  refund card ', agent: 'agent-a' })).toEqual({ v: 1, limit: 20, q: 'refund card', agent: 'agent-a' });
  });

  it('turns days into a start-inclusive, end-exclusive range covering the whole last day', () => {
    const b = searchBody({ ...EMPTY_FILTERS, from: '2026-03-02', to: '2026-03-02' });
    expect(Date.parse(b.to as string) - Date.parse(b.from as string)).toBe(24 * 3_600_000);
    expect(new Date(b.from as string).getHours()).toBe(0);
  });

  it('minutes become seconds, tags a list, sentiment a list, the cursor rides along', () => {
    expect(searchBody({ ...EMPTY_FILTERS, minMinutes: '1.5', maxMinutes: '10', tag: 'vip, billing', sentiment: 'negative' }, 'CUR')).toEqual({
      v: 1,
      limit: 20,
      min_duration: 90,
      max_duration: 600,
      tag: ['vip', 'billing'],
      sentiment: ['negative'],
      cursor: 'CUR',
    });
  });

  it('ignores malformed days and numbers instead of sending them', () => {
    expect(searchBody({ ...EMPTY_FILTERS, from: 'soon', minMinutes: 'abc' })).toEqual({ v: 1, limit: 20 });
    expect(noFilters(EMPTY_FILTERS)).toBe(true);
    expect(noFilters({ ...EMPTY_FILTERS, q: 'x' })).toBe(false);
  });
});
