import type { Queryable } from '../../adapters/db/database.js';
import { assignmentTablesRepository } from '../../adapters/db/repositories/assignment-tables.js';
import { defaultWorkCalendar, type WorkCalendar } from '../../core/rules/business-hours.js';
import type { AssignmentDirectory } from '../../core/rules/plan-effects.js';

/** The people, teams, territories and calendars one pass of the rules reads. */
export interface AssignmentContext {
  readonly directory: AssignmentDirectory;
  calendarOf(userId: string | null): WorkCalendar;
}

export async function loadAssignmentContext(db: Queryable): Promise<AssignmentContext> {
  const tables = assignmentTablesRepository(db);
  const [users, teams, territories, hours, holidays] = await Promise.all([
    tables.users(),
    tables.teams(),
    tables.territories(),
    tables.workingHours(),
    tables.holidays(),
  ]);
  const holidaySet = new Set(holidays.map((h) => h.day));
  const calendars = new Map(
    hours.map((h): [string, WorkCalendar] => [
      h.userId,
      {
        timeZone: h.timeZone,
        days: h.days,
        startMinute: h.startMinute,
        endMinute: h.endMinute,
        holidays: holidaySet,
      },
    ]),
  );
  const fallback = { ...defaultWorkCalendar, holidays: holidaySet };
  return {
    directory: {
      users,
      teams: new Map(teams.map((t) => [t.id, t.memberIds])),
      teamManagers: new Map(teams.flatMap((t) => (t.managerId ? [[t.id, t.managerId]] : []))),
      territories: new Map(territories.map((t) => [t.country, t.userId])),
    },
    calendarOf: (userId) => (userId ? calendars.get(userId) : undefined) ?? fallback,
  };
}
