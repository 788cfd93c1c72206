import type { Queryable } from '../../adapters/db/database.js';
import { workflowRulesRepository } from '../../adapters/db/repositories/workflow-rules.js';
import { ThreadlineError } from '../../core/errors.js';
import type { Action, OwnerChoice } from '../../core/rules/rule.js';
import type { WorkflowRuleFields } from '../../adapters/db/repositories/workflow-rules.js';

function ownerOf(action: Action): OwnerChoice | null {
  if ('owner' in action) return action.owner;
  if (action.kind === 'notify') return action.to;
  return null;
}

/**
 * Refuses a rule naming a user, team, deal or webhook endpoint that does
 * not exist, and says which: a rule that cannot act is better refused when
 * made than found idle later.
 */
export async function checkReferences(db: Queryable, fields: WorkflowRuleFields): Promise<void> {
  const wanted: {
    table: 'users' | 'teams' | 'deals' | 'webhook_endpoints';
    id: string;
    what: string;
  }[] = [];
  for (const action of fields.actions) {
    const owner = ownerOf(action);
    if (owner?.kind === 'user') wanted.push({ table: 'users', id: owner.userId, what: 'user' });
    if (owner?.kind === 'round_robin')
      wanted.push({ table: 'teams', id: owner.teamId, what: 'team' });
    if (owner?.kind === 'territory' && owner.fallbackUserId) {
      wanted.push({ table: 'users', id: owner.fallbackUserId, what: 'fallback user' });
    }
    if (action.kind === 'add_to_deal')
      wanted.push({ table: 'deals', id: action.dealId, what: 'deal' });
    if (action.kind === 'webhook') {
      wanted.push({ table: 'webhook_endpoints', id: action.endpointId, what: 'webhook endpoint' });
    }
  }
  const repo = workflowRulesRepository(db);
  const missing: string[] = [];
  for (const { table, id, what } of wanted) {
    if (!(await repo.exists(table, id))) missing.push(`${what} ${id}`);
  }
  if (missing.length > 0) {
    throw new ThreadlineError(
      'VALIDATION_FAILED',
      `The rule names what does not exist: ${missing.join(', ')}`,
      {
        missing,
      },
    );
  }
}
