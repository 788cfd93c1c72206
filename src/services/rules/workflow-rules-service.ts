import type { Database } from '../../adapters/db/database.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import {
  workflowRulesRepository,
  type WorkflowRuleFields,
  type WorkflowRuleRow,
} from '../../adapters/db/repositories/workflow-rules.js';
import type { Clock } from '../../adapters/system/clock.js';
import { ThreadlineError } from '../../core/errors.js';
import { dryRun, type DryRunReport } from './dry-run.js';
import { requireRuleManager } from './rule-permissions.js';
import { checkReferences } from './rule-references.js';

export interface WorkflowRuleListing extends WorkflowRuleRow {
  firedCount: number;
  lastFiredAt: Date | null;
}

const maxDryRunDays = 366;

/**
 * Workflow rules as the API and the UI see them: anyone signed in reads
 * them; admins and managers create, edit, order, switch and dry-run them.
 * A rule is created switched off, so it can be dry-run first.
 */
export function createWorkflowRulesService(deps: { database: Database; clock: Clock }) {
  const repo = workflowRulesRepository(deps.database);
  const found = async (id: string) => {
    const rule = await repo.find(id);
    if (!rule) throw new ThreadlineError('NOT_FOUND', 'No such workflow rule');
    return rule;
  };
  return {
    async list(): Promise<WorkflowRuleListing[]> {
      const [rules, counts] = await Promise.all([repo.list(), repo.firingCounts()]);
      const countOf = new Map(counts.map((c) => [c.ruleId, c]));
      return rules.map((rule) => ({
        ...rule,
        firedCount: countOf.get(rule.id)?.count ?? 0,
        lastFiredAt: countOf.get(rule.id)?.lastAt ?? null,
      }));
    },
    async create(user: UserRow, fields: WorkflowRuleFields): Promise<WorkflowRuleListing> {
      requireRuleManager(user);
      await checkReferences(deps.database, fields);
      return { ...(await repo.create(fields, user.id)), firedCount: 0, lastFiredAt: null };
    },
    async update(
      user: UserRow,
      id: string,
      fields: WorkflowRuleFields,
    ): Promise<WorkflowRuleListing> {
      requireRuleManager(user);
      await checkReferences(deps.database, fields);
      await found(id);
      await repo.update(id, fields);
      return (await this.list()).find((r) => r.id === id)!;
    },
    /** Switches a rule on (for mail sent from `appliesFrom`, by default now) or off. */
    async setEnabled(
      user: UserRow,
      id: string,
      enabled: boolean,
      appliesFrom?: Date,
    ): Promise<WorkflowRuleListing> {
      requireRuleManager(user);
      await found(id);
      await repo.setEnabled(id, enabled, enabled ? (appliesFrom ?? deps.clock.now()) : null);
      return (await this.list()).find((r) => r.id === id)!;
    },
    async move(user: UserRow, id: string, position: number): Promise<void> {
      requireRuleManager(user);
      await found(id);
      await repo.move(id, position);
    },
    async remove(user: UserRow, id: string): Promise<void> {
      requireRuleManager(user);
      if (!(await repo.remove(id))) throw new ThreadlineError('NOT_FOUND', 'No such workflow rule');
    },
    async firings(id: string) {
      await found(id);
      return repo.firings(id, 100);
    },
    /** What the rule would have done over the mail sent in the period, nothing written. */
    async dryRun(
      user: UserRow,
      fields: WorkflowRuleFields,
      from: Date,
      to: Date,
    ): Promise<DryRunReport> {
      requireRuleManager(user);
      if (to <= from)
        throw new ThreadlineError('VALIDATION_FAILED', 'The period must end after it starts');
      if (to.getTime() - from.getTime() > maxDryRunDays * 86_400_000) {
        throw new ThreadlineError(
          'VALIDATION_FAILED',
          `A dry run covers at most ${maxDryRunDays} days`,
        );
      }
      await checkReferences(deps.database, fields);
      const rule = { ...fields, id: 'dry-run', position: 0, enabled: true };
      return dryRun(deps.database, rule, { from, to }, deps.clock.now());
    },
  };
}

export type WorkflowRulesService = ReturnType<typeof createWorkflowRulesService>;
