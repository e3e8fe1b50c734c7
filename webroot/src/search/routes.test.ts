import { describe, expect, it } from 'vitest';
import { archiveHref, parseRoute } from '../hooks/useHashRoute';

describe('search routes', () => {
  it('round-trips a call id with separators through the hash', () => {
    const id = 'billing-7|s/1 x|1767600000123';
    expect(parseRoute(archiveHref(id))).toEqual({ name: 'archive', callId: id });
    expect(parseRoute(archiveHref(id, 4))).toEqual({ name: 'archive', callId: id, line: 4 });
    expect(parseRoute('#/search')).toEqual({ name: 'search' });
  });

  it('a malformed id falls back to the bubbles', () => {
    expect(parseRoute('#/archive/%E0%A4%A')).toEqual({ name: 'bubbles' });
  });
});
