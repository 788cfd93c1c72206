import { describe, expect, it } from 'vitest';
import {
  addBusinessHours,
  businessHoursBetween,
  defaultWorkCalendar,
  type WorkCalendar,
} from './business-hours.js';

const berlin: WorkCalendar = {
  timeZone: 'Europe/Berlin',
  days: [1, 2, 3, 4, 5],
  startMinute: 9 * 60,
  endMinute: 17 * 60,
  holidays: new Set(['2025-04-21']),
};

describe('business hours', () => {
  it('counts neither the night nor the weekend', () => {
    // Friday 16:00 UTC to Monday 10:00 UTC.
    expect(
      businessHoursBetween(
        new Date('2025-03-07T16:00:00Z'),
        new Date('2025-03-10T10:00:00Z'),
        defaultWorkCalendar,
      ),
    ).toBe(2);
  });

  it('works in the person’s time zone, across a daylight-saving change', () => {
    // Friday 28 March 16:00 CET (15:00 UTC) to Monday 31 March 10:00 CEST (08:00 UTC).
    expect(
      businessHoursBetween(
        new Date('2025-03-28T15:00:00Z'),
        new Date('2025-03-31T08:00:00Z'),
        berlin,
      ),
    ).toBe(2);
  });

  it('skips a holiday', () => {
    // Easter Monday 21 April 2025 is off: Thursday 17:00 to Tuesday 10:00 Berlin is one hour.
    expect(
      businessHoursBetween(new Date('2025-04-17T15:00:00Z'), new Date('2025-04-22T08:00:00Z'), {
        ...berlin,
        holidays: new Set(['2025-04-18', '2025-04-21']),
      }),
    ).toBe(1);
  });

  it('is zero for an instant range that ends before it starts', () => {
    expect(
      businessHoursBetween(
        new Date('2025-03-10T12:00:00Z'),
        new Date('2025-03-10T10:00:00Z'),
        defaultWorkCalendar,
      ),
    ).toBe(0);
  });

  it('puts a task due in 4 business hours made on Friday afternoon on Monday', () => {
    expect(
      addBusinessHours(new Date('2025-03-07T15:00:00Z'), 4, defaultWorkCalendar).toISOString(),
    ).toBe('2025-03-10T11:00:00.000Z');
  });

  it('starts counting at the next morning when made at night', () => {
    expect(addBusinessHours(new Date('2025-03-10T22:00:00Z'), 1, berlin).toISOString()).toBe(
      '2025-03-11T09:00:00.000Z',
    );
  });

  it('falls back to clock hours for a calendar without any working day', () => {
    expect(
      addBusinessHours(new Date('2025-03-10T10:00:00Z'), 2, {
        ...defaultWorkCalendar,
        days: [],
      }).toISOString(),
    ).toBe('2025-03-10T12:00:00.000Z');
  });
});
