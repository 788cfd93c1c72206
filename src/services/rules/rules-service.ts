import { z } from 'zod';
import type { Database } from '../../adapters/db/database.js';
import { crmRecordsRepository } from '../../adapters/db/repositories/crm-records.js';
import {
  linkRulesRepository,
  type LinkRuleRow,
} from '../../adapters/db/repositories/link-rules.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { ThreadlineError } from '../../core/errors.js';
import { recordKinds } from '../../core/records/record-kinds.js';

/** A "file by subject" or keyword rule: mail matching it is filed on the record from now on. */
export const ruleInput = z.object({
  kind: z.enum(['subject', 'keyword']),
  pattern: z.string().trim().min(2).max(300),
  recordType: z.enum(recordKinds),
  recordId: z.guid(),
  /** Organisation-wide rules are for admins; everyone else files their own mail. */
  scope: z.enum(['mine', 'organisation']).default('mine'),
});
export type RuleInput = z.infer<typeof ruleInput>;

/**
 * Filing rules. They apply to mail captured after they are made (the
 * decision core reads them from the directory), so every change refreshes it.
 */
export function createRulesService(deps: {
  database: Database;
  directory: { invalidate(): Promise<void> };
}) {
  const rules = linkRulesRepository(deps.database);
  const records = crmRecordsRepository(deps.database);
  return {
    async list(user: UserRow): Promise<LinkRuleRow[]> {
      return rules.visibleTo(user.id);
    },
    async create(user: UserRow, input: RuleInput): Promise<LinkRuleRow> {
      if (input.scope === 'organisation' && user.role !== 'admin') {
        throw new ThreadlineError(
          'FORBIDDEN',
          'Only an admin can make a rule for the whole organisation',
        );
      }
      if (!(await records.recordExists(input.recordType, input.recordId)))
        throw new ThreadlineError('NOT_FOUND', `No ${input.recordType} ${input.recordId}`);
      const rule = await rules.create({
        ownerId: input.scope === 'organisation' ? null : user.id,
        kind: input.kind,
        pattern: input.pattern,
        recordType: input.recordType,
        recordId: input.recordId,
      });
      await deps.directory.invalidate();
      return rule;
    },
    async remove(user: UserRow, id: string): Promise<void> {
      if (!(await rules.remove(id, { id: user.id, isAdmin: user.role === 'admin' })))
        throw new ThreadlineError('NOT_FOUND', `No rule ${id} of yours`);
      await deps.directory.invalidate();
    },
  };
}

export type RulesService = ReturnType<typeof createRulesService>;
