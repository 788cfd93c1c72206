import type { Database } from '../../adapters/db/database.js';
import { assignmentTablesRepository } from '../../adapters/db/repositories/assignment-tables.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { ThreadlineError } from '../../core/errors.js';
import { requireRuleManager } from './rule-permissions.js';

/** A team as created or edited. */
export interface TeamFields {
  name: string;
  managerId?: string | null | undefined;
  /** In round-robin order. */
  memberIds: readonly string[];
}

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
    /**
     * Creates a team (no `id`) or replaces its name, manager and members;
     * the members' order is the round robin's. A name another team has is
     * refused.
     */
    async saveTeam(user: UserRow, team: TeamFields, id?: string): Promise<string> {
      requireRuleManager(user);
      const name = team.name.trim();
      if (!name) throw new ThreadlineError('VALIDATION_FAILED', 'A team needs a name');
      return deps.database.transaction(async (tx) => {
        const inTx = assignmentTablesRepository(tx);
        const named = await inTx.teamNamed(name);
        if (named !== null && named !== id) {
          throw new ThreadlineError('CONFLICT', `A team is already named "${name}"`);
        }
        const managerId = team.managerId ?? null;
        const teamId =
          id === undefined
            ? await inTx.createTeam(name, managerId)
            : (await inTx.updateTeam(id, name, managerId))
              ? id
              : null;
        if (teamId === null) throw new ThreadlineError('NOT_FOUND', 'No such team');
        await inTx.clearMembers(teamId);
        await inTx.addMembers(teamId, team.memberIds);
        return teamId;
      });
    },
    async removeTeam(user: UserRow, id: string): Promise<void> {
      requireRuleManager(user);
      if (!(await tables.removeTeam(id))) throw new ThreadlineError('NOT_FOUND', 'No such team');
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
    async removeHoliday(user: UserRow, day: string): Promise<void> {
      requireRuleManager(user);
      if (!(await tables.removeHoliday(day))) {
        throw new ThreadlineError('NOT_FOUND', `No holiday on ${day}`);
      }
    },
  };
}

export type AssignmentSettingsService = ReturnType<typeof createAssignmentSettingsService>;
