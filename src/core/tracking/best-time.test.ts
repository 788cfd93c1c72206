import { describe, expect, it } from 'vitest';
import { bestTimeToContact } from './best-time.js';

describe('the best time to contact someone', () => {
  it('counts activity by weekday and hour in their time zone, busiest first', () => {
    const activity = [
      '2026-03-03T14:10:00Z', // Tuesday 15:10 in Berlin
      '2026-03-10T14:50:00Z', // Tuesday 15:50
      '2026-03-05T07:30:00Z', // Thursday 08:30
    ].map((text) => new Date(text));
    expect(bestTimeToContact(activity, 'Europe/Berlin')).toEqual({
      timeZone: 'Europe/Berlin',
      basedOn: 3,
      best: [
        { weekday: 2, hour: 15, count: 2 },
        { weekday: 4, hour: 8, count: 1 },
      ],
    });
  });

  it('says nothing without activity', () => {
    expect(bestTimeToContact([], 'UTC').best).toEqual([]);
  });

  it('names an unknown time zone', () => {
    expect(() => bestTimeToContact([], 'Mars/Olympus')).toThrow(
      /"Mars\/Olympus" is not a time zone/,
    );
  });
});
