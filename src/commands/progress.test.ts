import { describe, expect, it } from 'vitest';
import { createProgressReporter, formatDuration, progressLine } from './progress.js';

describe('progress line', () => {
  it('shows count, rate, share and time left', () => {
    expect(progressLine({ count: 500, done: 50, total: 100, elapsedMs: 10_000 })).toBe(
      '500 messages · 50/s · 50% · 10s left',
    );
  });
  it('omits share and time left when the total is unknown', () => {
    expect(progressLine({ count: 10, done: 0, total: 0, elapsedMs: 2000 })).toBe(
      '10 messages · 5/s',
    );
  });
  it('formats long durations in hours and minutes', () => {
    expect(formatDuration(3725)).toBe('1h02m');
    expect(formatDuration(185)).toBe('3m05s');
  });
});

describe('progress reporter', () => {
  it('rewrites one line on a terminal and throttles updates', () => {
    const written: string[] = [];
    let clock = 0;
    const reporter = createProgressReporter(
      (t) => written.push(t),
      true,
      () => clock,
    );
    clock = 200;
    reporter.update(1, 1, 10);
    clock = 250;
    reporter.update(2, 2, 10);
    clock = 400;
    reporter.update(3, 3, 10);
    expect(written).toHaveLength(2);
    expect(written[0]?.startsWith('\r\u001b[2K1 messages')).toBe(true);
  });
});
