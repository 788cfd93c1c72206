import { describe, expect, it } from 'vitest';
import { instantIn } from './send-time.js';

describe('the instant a scheduled send names', () => {
  it('reads a wall-clock time in the chosen zone', () => {
    expect(instantIn('2026-12-08T09:00', 'America/New_York').toISOString()).toBe(
      '2026-12-08T14:00:00.000Z',
    );
    expect(instantIn('2026-07-08T09:00', 'Europe/Berlin').toISOString()).toBe(
      '2026-07-08T07:00:00.000Z',
    );
  });

  it('moves a time the zone skips forward past the gap', () => {
    // New York springs from 02:00 to 03:00 on 8 March 2026.
    expect(instantIn('2026-03-08T02:30', 'America/New_York').toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });

  it('takes the first of a time the zone repeats', () => {
    // Berlin falls back from 03:00 to 02:00 on 25 October 2026: 02:30 happens twice.
    expect(instantIn('2026-10-25T02:30', 'Europe/Berlin').toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('refuses an unknown zone, a malformed time and a date that does not exist', () => {
    expect(() => instantIn('2026-12-08T09:00', 'Mars/Olympus')).toThrow(/not a time zone/);
    expect(() => instantIn('tomorrow 9am', 'UTC')).toThrow(/not a local date and time/);
    expect(() => instantIn('2026-02-30T09:00', 'UTC')).toThrow(/not a real date/);
  });
});
