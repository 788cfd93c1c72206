import { z } from 'zod';
import type { Database } from '../../adapters/db/database.js';
import { ThreadlineError } from '../../core/errors.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';

const recordTables = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  deal: 'deals',
  case: 'cases',
} as const;

/** A "file by subject" or keyword rule: mail matching it is filed on the record from now on. */
export const ruleInput = z.object({
  kind: z.enum(['subject', 'keyword']),
  pattern: z.string().trim().min(2).max(300),
  recordType: z.enum(['account', 'contact', 'lead', 'deal', 'case']),
  recordId: z.guid(),
  /** Organisation-wide rules are for admins; everyone else files their own mail. */
  scope: z.enum(['mine', 'organisation']).default('mine'),
});
export type RuleInput = z.infer<typeof ruleInput>;

export interface RuleView {
  id: string;
  kind: 'subject' | 'keyword';
  pattern: string;
  recordType: string;
  recordId: string;
  scope: 'mine' | 'organisation';
  createdAt: Date;
}

/**
 * Filing rules. They apply to mail captured after they are made (the
 * decision core reads them from the directory), so every change refreshes it.
 */
export function createRulesService(deps: {
  database: Database;
  directory: { invalidate(): Promise<void> };
}) {
  const { database } = deps;
  const columns = `id, kind, pattern, record_type AS "recordType", record_id AS "recordId",
    CASE WHEN owner_id IS NULL THEN 'organisation' ELSE 'mine' END AS scope, created_at AS "createdAt"`;
  return {
    async list(user: UserRow): Promise<RuleView[]> {
      return database.query<RuleView>(
        `SELECT ${columns} FROM link_rules WHERE owner_id IS NULL OR owner_id = $1 ORDER BY created_at, id`,
        [user.id],
      );
    },
    async create(user: UserRow, input: RuleInput): Promise<RuleView> {
      if (input.scope === 'organisation' && user.role !== 'admin') {
        throw new ThreadlineError(
          'FORBIDDEN',
          'Only an admin can make a rule for the whole organisation',
        );
      }
      const [record] = await database.query(
        `SELECT 1 FROM ${recordTables[input.recordType]} WHERE id = $1`,
        [input.recordId],
      );
      if (!record)
        throw new ThreadlineError('NOT_FOUND', `No ${input.recordType} ${input.recordId}`);
      const [rule] = await database.query<RuleView>(
        `INSERT INTO link_rules (owner_id, kind, pattern, record_type, record_id)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${columns}`,
        [
          input.scope === 'organisation' ? null : user.id,
          input.kind,
          input.pattern,
          input.recordType,
          input.recordId,
        ],
      );
      await deps.directory.invalidate();
      return rule!;
    },
    async remove(user: UserRow, id: string): Promise<void> {
      const removed = await database.query(
        `DELETE FROM link_rules WHERE id = $1 AND (owner_id = $2 OR (owner_id IS NULL AND $3)) RETURNING id`,
        [id, user.id, user.role === 'admin'],
      );
      if (removed.length === 0) throw new ThreadlineError('NOT_FOUND', `No rule ${id} of yours`);
      await deps.directory.invalidate();
    },
  };
}

export type RulesService = ReturnType<typeof createRulesService>;
