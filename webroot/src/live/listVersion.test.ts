import { describe, expect, it } from 'vitest';
import { listDeltaVerdict } from './listVersion';

describe('listDeltaVerdict', () => {
  it('drops a delta the snapshot already reflects, and duplicates', () => {
    expect(listDeltaVerdict(7, 7)).toBe('drop');
    expect(listDeltaVerdict(7, 3)).toBe('drop');
  });
  it('applies the next delta', () => {
    expect(listDeltaVerdict(7, 8)).toBe('apply');
  });
  it('resyncs when a delta was skipped', () => {
    expect(listDeltaVerdict(7, 9)).toBe('resync');
  });
  it('applies unversioned deltas, and anything before the first versioned snapshot', () => {
    expect(listDeltaVerdict(7, undefined)).toBe('apply');
    expect(listDeltaVerdict(undefined, 4)).toBe('apply');
  });
});
