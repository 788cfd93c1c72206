import type { Database } from '../../adapters/db/database.js';
import { assignmentTablesRepository } from '../../adapters/db/repositories/assignment-tables.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { ThreadlineError } from '../../core/errors.js';
import { requireRuleManager } from './rule-permissions.js';

function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new ThreadlineError('VALIDATION_FAILED', `Unknown time zone "${timeZone}"`);
  }
}

/**
 * What owner choices and business hours read: teams (round robin), the
 * territory table (country to rep), each user's working hours and the
 * organisation's holidays. Admins and managers edit them; a user sets
 * their own working hours.
 */
export function createAssignmentSettingsService(deps: { database: Database }) {
  const tables = assignmentTablesRepository(deps.database);
  return {
    async read() {
      const [teams, territories, workingHours, holidays] = await Promise.all([
        tables.teams(),
        tables.territories(),
        tables.workingHours(),
        tables.holidays(),
      ]);
      return { teams, territories, workingHours, holidays };
    },
    /** Creates the team of that name, or replaces its members; their order is the round robin's. */
    async saveTeam(user: UserRow, name: string, memberIds: readonly string[]): Promise<string> {
      requireRuleManager(user);
      return deps.database.transaction(async (tx) => {
        const inTx = assignmentTablesRepository(tx);
        const id = await inTx.teamNamed(name);
        await inTx.clearMembers(id);
        await inTx.addMembers(id, memberIds);
        return id;
      });
    },
    async setTerritory(user: UserRow, country: string, userId: string | null): Promise<void> {
      requireRuleManager(user);
      await tables.setTerritory(country.toUpperCase(), userId);
    },
    async setWorkingHours(
      user: UserRow,
      hours: {
        userId: string;
        timeZone: string;
        days: number[];
        startMinute: number;
        endMinute: number;
      },
    ): Promise<void> {
      if (hours.userId !== user.id) requireRuleManager(user);
      checkTimeZone(hours.timeZone);
      if (hours.endMinute <= hours.startMinute) {
        throw new ThreadlineError('VALIDATION_FAILED', 'Working hours must end after they start');
      }
      await tables.setWorkingHours(hours);
    },
    async addHoliday(user: UserRow, day: string, name: string): Promise<void> {
      requireRuleManager(user);
      await tables.addHoliday(day, name);
    },
  };
}

export type AssignmentSettingsService = ReturnType<typeof createAssignmentSettingsService>;
