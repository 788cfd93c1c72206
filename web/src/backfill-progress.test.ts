import { describe, expect, it } from 'vitest';
import { sampleOf, secondsLeft } from './backfill-progress';

const folder = (captured: number, ignored: number, onServer: number | null, selected = true) => ({
  selected,
  captured,
  ignored,
  failed: 0,
  onServer,
});

describe('back-fill progress', () => {
  it('sums the folders being synced, not the skipped ones', () => {
    expect(
      sampleOf([folder(10, 30, 100), folder(1, 1, 5000, false), folder(0, 0, null)], 0),
    ).toEqual({ at: 0, considered: 40, onServer: 100 });
  });

  it('estimates the time left from the rate between two samples', () => {
    const first = { at: 0, considered: 100, onServer: 1100 };
    const later = { at: 10_000, considered: 600, onServer: 1100 };
    expect(secondsLeft(first, later)).toBe(10);
  });

  it('has no estimate before anything moved', () => {
    const first = { at: 0, considered: 100, onServer: 1100 };
    expect(secondsLeft(first, first)).toBeNull();
    expect(secondsLeft(first, { ...first, at: 5000 })).toBeNull();
  });
});
