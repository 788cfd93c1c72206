import { describe, expect, it } from 'vitest';
import { resolveReportQuery } from './report-filter.js';

const now = new Date('2026-03-10T12:00:00Z');
const teams = new Map([['sales', ['rita', 'ravi']]]);

describe('resolveReportQuery', () => {
  it('defaults to the last 90 days of all mail, everyone’s', () => {
    expect(resolveReportQuery({}, now, teams)).toEqual({
      recordType: 'none',
      recordId: '00000000-0000-0000-0000-000000000000',
      from: '2025-12-11',
      until: '2026-03-11',
      repIds: null,
    });
  });

  it('turns a team into its members and narrows it to an owner within it', () => {
    expect(resolveReportQuery({ teamId: 'sales' }, now, teams).repIds).toEqual(['rita', 'ravi']);
    expect(resolveReportQuery({ teamId: 'sales', ownerId: 'ravi' }, now, teams).repIds).toEqual([
      'ravi',
    ]);
    expect(resolveReportQuery({ teamId: 'sales', ownerId: 'olga' }, now, teams).repIds).toEqual([]);
  });

  it('refuses what it cannot answer, naming the field', () => {
    expect(() => resolveReportQuery({ from: '2026-02-30' }, now, teams)).toThrow(
      /^from: expected a date/,
    );
    expect(() => resolveReportQuery({ from: '2026-03-02', to: '2026-03-01' }, now, teams)).toThrow(
      'from: after to',
    );
    expect(() => resolveReportQuery({ from: '2020-01-01' }, now, teams)).toThrow(/longer than/);
    expect(() => resolveReportQuery({ recordType: 'account' }, now, teams)).toThrow(/give both/);
    expect(() => resolveReportQuery({ teamId: 'nope' }, now, teams)).toThrow(
      'No team with id nope',
    );
  });
});
