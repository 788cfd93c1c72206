import type { Action, Condition, ConditionMatch, Trigger } from '../../../core/rules/rule.js';
import type { Queryable } from '../database.js';
import { microsOf, timestampOfMicros, type Micros } from './exact-time.js';

export interface WorkflowRuleRow {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  trigger: Trigger;
  conditions: Condition[];
  match: ConditionMatch;
  actions: Action[];
  appliesFrom: Date | null;
  /** Where the rule's reading of stored mail stands: the creation time and id of the last message read. */
  cursorAt: Micros | null;
  cursorId: string | null;
  createdAt: Date;
}

export interface WorkflowRuleFields {
  name: string;
  trigger: Trigger;
  conditions: readonly Condition[];
  match?: ConditionMatch | undefined;
  actions: readonly Action[];
}

const columns = `id, name, position, enabled, trigger, conditions, condition_match AS match, actions,
  applies_from AS "appliesFrom", ${microsOf('cursor_at')} AS "cursorAt", cursor_id AS "cursorId", created_at AS "createdAt"`;

/** The organisation's workflow rules, in order. Each method is one query. */
export function workflowRulesRepository(db: Queryable) {
  return {
    async list(): Promise<WorkflowRuleRow[]> {
      return db.query<WorkflowRuleRow>(
        `SELECT ${columns} FROM workflow_rules ORDER BY position, created_at`,
      );
    },
    async find(id: string): Promise<WorkflowRuleRow | null> {
      const [row] = await db.query<WorkflowRuleRow>(
        `SELECT ${columns} FROM workflow_rules WHERE id = $1`,
        [id],
      );
      return row ?? null;
    },
    /** A new rule, switched off, after the others. */
    async create(fields: WorkflowRuleFields, createdBy: string): Promise<WorkflowRuleRow> {
      const [row] = await db.query<WorkflowRuleRow>(
        `INSERT INTO workflow_rules (name, position, trigger, conditions, actions, created_by,
           condition_match)
         VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM workflow_rules), $2, $3, $4, $5, $6)
         RETURNING ${columns}`,
        [
          fields.name,
          JSON.stringify(fields.trigger),
          JSON.stringify(fields.conditions),
          JSON.stringify(fields.actions),
          createdBy,
          fields.match ?? 'all',
        ],
      );
      return row!;
    },
    async update(id: string, fields: WorkflowRuleFields): Promise<WorkflowRuleRow | null> {
      const [row] = await db.query<WorkflowRuleRow>(
        `UPDATE workflow_rules SET name = $2, trigger = $3, conditions = $4, actions = $5,
           condition_match = $6 WHERE id = $1
         RETURNING ${columns}`,
        [
          id,
          fields.name,
          JSON.stringify(fields.trigger),
          JSON.stringify(fields.conditions),
          JSON.stringify(fields.actions),
          fields.match ?? 'all',
        ],
      );
      return row ?? null;
    },
    /**
     * Switches a rule on for mail sent from `appliesFrom` (its reading starts
     * over: what it already fired on is recorded and is not fired again), or off.
     */
    async setEnabled(
      id: string,
      enabled: boolean,
      appliesFrom: Date | null,
    ): Promise<WorkflowRuleRow | null> {
      const [row] = await db.query<WorkflowRuleRow>(
        `UPDATE workflow_rules SET enabled = $2,
           applies_from = CASE WHEN $2 THEN $3::timestamptz ELSE applies_from END,
           cursor_at = CASE WHEN $2 THEN NULL ELSE cursor_at END,
           cursor_id = CASE WHEN $2 THEN NULL ELSE cursor_id END
         WHERE id = $1 RETURNING ${columns}`,
        [id, enabled, appliesFrom],
      );
      return row ?? null;
    },
    async move(id: string, position: number): Promise<void> {
      await db.query('UPDATE workflow_rules SET position = $2 WHERE id = $1', [id, position]);
    },
    async remove(id: string): Promise<boolean> {
      return (
        (await db.query('DELETE FROM workflow_rules WHERE id = $1 RETURNING id', [id])).length > 0
      );
    },
    /** Moves rules' reading forward, never back (a slower worker may report an older position). */
    async advanceCursors(ids: readonly string[], at: Micros, messageId: string): Promise<void> {
      const position = timestampOfMicros('$2');
      await db.query(
        `UPDATE workflow_rules SET cursor_at = ${position}, cursor_id = $3
         WHERE id = ANY($1::uuid[]) AND (cursor_at IS NULL OR (cursor_at, cursor_id) < (${position}, $3::uuid))`,
        [ids, at, messageId],
      );
    },
    /** Whether a row a rule names exists (a user, a team, a deal, a webhook endpoint). */
    async exists(
      table: 'users' | 'teams' | 'deals' | 'webhook_endpoints',
      id: string,
    ): Promise<boolean> {
      return (await db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length > 0;
    },
    /** How often each rule fired, and when last. */
    async firingCounts(): Promise<{ ruleId: string; count: number; lastAt: Date }[]> {
      return db.query(
        `SELECT rule_id AS "ruleId", count(*)::int AS count, max(fired_at) AS "lastAt"
         FROM rule_firings GROUP BY rule_id`,
      );
    },
    /** A rule's latest firings, newest first. */
    async firings(
      ruleId: string,
      limit: number,
    ): Promise<{ eventKey: string; firedAt: Date; reasons: string[]; effects: unknown[] }[]> {
      return db.query(
        `SELECT event_key AS "eventKey", fired_at AS "firedAt", reasons, effects FROM rule_firings
         WHERE rule_id = $1 ORDER BY fired_at DESC LIMIT $2`,
        [ruleId, limit],
      );
    },
  };
}
