import type { Queryable } from '../database.js';
import type { Role } from './users.js';

export interface TeamRow {
  id: string;
  name: string;
  managerId: string | null;
  /** In round-robin order. */
  memberIds: string[];
}

export interface WorkingHoursRow {
  userId: string;
  timeZone: string;
  days: number[];
  startMinute: number;
  endMinute: number;
}

/** Teams, territories, working hours and holidays: what owner choices and business hours read. */
export function assignmentTablesRepository(db: Queryable) {
  return {
    async users(): Promise<
      { id: string; role: Role; managerId: string | null; active: boolean }[]
    > {
      return db.query(
        `SELECT id, role, manager_id AS "managerId", deactivated_at IS NULL AS active
         FROM users ORDER BY created_at, id`,
      );
    },
    async teams(): Promise<TeamRow[]> {
      return db.query(
        `SELECT t.id, t.name, t.manager_id AS "managerId", coalesce(array_agg(m.user_id ORDER BY m.position)
           FILTER (WHERE m.user_id IS NOT NULL), '{}') AS "memberIds"
         FROM teams t LEFT JOIN team_members m ON m.team_id = t.id GROUP BY t.id ORDER BY t.name`,
      );
    },
    /** A new team's id; null when a team has that name. */
    async createTeam(name: string, managerId: string | null): Promise<string | null> {
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO teams (name, manager_id) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING
         RETURNING id`,
        [name, managerId],
      );
      return row?.id ?? null;
    },
    /** Whether the team exists; another team's name is refused by the store. */
    async updateTeam(id: string, name: string, managerId: string | null): Promise<boolean> {
      const rows = await db.query(
        'UPDATE teams SET name = $2, manager_id = $3 WHERE id = $1 RETURNING id',
        [id, name, managerId],
      );
      return rows.length > 0;
    },
    /** The id of the team of that name, if any. */
    async teamNamed(name: string): Promise<string | null> {
      const [row] = await db.query<{ id: string }>('SELECT id FROM teams WHERE name = $1', [name]);
      return row?.id ?? null;
    },
    async removeTeam(id: string): Promise<boolean> {
      return (await db.query('DELETE FROM teams WHERE id = $1 RETURNING id', [id])).length > 0;
    },
    async clearMembers(teamId: string): Promise<void> {
      await db.query('DELETE FROM team_members WHERE team_id = $1', [teamId]);
    },
    async addMembers(teamId: string, memberIds: readonly string[]): Promise<void> {
      await db.query(
        `INSERT INTO team_members (team_id, user_id, position)
         SELECT $1, u, n FROM unnest($2::uuid[]) WITH ORDINALITY AS x(u, n)`,
        [teamId, memberIds],
      );
    },
    /** Where each round robin stands, for a dry run to continue from. */
    async turns(): Promise<{ key: string; nextTurn: number }[]> {
      return db.query(`SELECT key, next_turn AS "nextTurn" FROM round_robin_turns`);
    },
    async territories(): Promise<{ country: string; userId: string }[]> {
      return db.query(`SELECT country, user_id AS "userId" FROM territories ORDER BY country`);
    },
    async setTerritory(country: string, userId: string | null): Promise<void> {
      await db.query(
        userId === null
          ? 'DELETE FROM territories WHERE country = $1'
          : `INSERT INTO territories (country, user_id) VALUES ($1, $2)
             ON CONFLICT (country) DO UPDATE SET user_id = EXCLUDED.user_id`,
        userId === null ? [country] : [country, userId],
      );
    },
    async workingHours(): Promise<WorkingHoursRow[]> {
      return db.query(
        `SELECT user_id AS "userId", time_zone AS "timeZone", days, start_minute AS "startMinute",
           end_minute AS "endMinute" FROM working_hours`,
      );
    },
    async setWorkingHours(row: WorkingHoursRow): Promise<void> {
      await db.query(
        `INSERT INTO working_hours (user_id, time_zone, days, start_minute, end_minute)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, days = EXCLUDED.days,
           start_minute = EXCLUDED.start_minute, end_minute = EXCLUDED.end_minute`,
        [row.userId, row.timeZone, row.days, row.startMinute, row.endMinute],
      );
    },
    async holidays(): Promise<{ day: string; name: string }[]> {
      return db.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day, name FROM holidays ORDER BY day`);
    },
    async removeHoliday(day: string): Promise<boolean> {
      return (
        (await db.query('DELETE FROM holidays WHERE day = $1 RETURNING day', [day])).length > 0
      );
    },
    async addHoliday(day: string, name: string): Promise<void> {
      await db.query(
        `INSERT INTO holidays (day, name) VALUES ($1, $2) ON CONFLICT (day) DO UPDATE SET name = EXCLUDED.name`,
        [day, name],
      );
    },
  };
}
