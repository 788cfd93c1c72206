import { describe, expect, it } from 'vitest';
import { ianaZoneOfTzid, instantInZone } from './time-zones.js';
import { ianaZoneOfWindowsName, windowsZoneRows } from './windows-zones.js';

describe('ianaZoneOfTzid', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['/mozilla.org/20070129_1/Europe/Berlin', 'Europe/Berlin'],
    ['/freeassociation.sourceforge.net/Tzfile/America/New_York', 'America/New_York'],
    ['Pacific Standard Time', 'America/Los_Angeles'],
    ['w. europe standard time', 'Europe/Berlin'],
    ['(UTC-05:00) Eastern Time (US & Canada)', 'America/New_York'],
    ['(GMT+01:00) Brussels, Copenhagen, Madrid, Paris', 'Europe/Paris'],
    ['"Romance Standard Time"', 'Europe/Paris'],
    ['UTC', 'UTC'],
  ])('reads %s as %s', (tzid, zone) => {
    expect(ianaZoneOfTzid(tzid)).toBe(zone);
  });

  it.each(['Customized Time Zone', 'Mars/Olympus', 'EST5EDT-ish', ''])(
    'names no zone for %j',
    (tzid) => {
      expect(ianaZoneOfTzid(tzid)).toBeNull();
    },
  );
});

describe('ianaZoneOfWindowsName', () => {
  it('maps every Windows id and display name in the table to a zone the runtime knows', () => {
    for (const [id, cities, zone] of windowsZoneRows) {
      expect(ianaZoneOfWindowsName(id)).toBe(zone);
      expect(ianaZoneOfWindowsName(`(UTC+00:00) ${cities}`)).toBe(zone);
      expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
    }
  });
});

describe('instantInZone', () => {
  const local = (iso: string) => Date.parse(`${iso}Z`);
  const iso = (ms: number) => new Date(ms).toISOString();

  it('reads winter and summer times with their own offsets', () => {
    expect(iso(instantInZone(local('2026-01-15T12:00:00'), 'Europe/Berlin'))).toBe(
      '2026-01-15T11:00:00.000Z',
    );
    expect(iso(instantInZone(local('2026-07-15T12:00:00'), 'Europe/Berlin'))).toBe(
      '2026-07-15T10:00:00.000Z',
    );
  });

  it('reads a repeated autumn hour as its first occurrence', () => {
    expect(iso(instantInZone(local('2026-10-25T02:30:00'), 'Europe/Berlin'))).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('reads a time in a zone with a half-hour offset', () => {
    expect(iso(instantInZone(local('2026-03-04T10:00:00'), 'Asia/Kolkata'))).toBe(
      '2026-03-04T04:30:00.000Z',
    );
  });

  it('refuses a zone the runtime does not know', () => {
    expect(() => instantInZone(0, 'Mars/Olympus')).toThrow('unknown time zone Mars/Olympus');
  });
});
