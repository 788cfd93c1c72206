import type { Queryable } from '../database.js';

/** A firing to record: the rule, the event it fired on, and why. */
export interface FiringRecord {
  readonly ruleId: string;
  readonly eventKey: string;
  readonly messageId: string;
  readonly reasons: readonly string[];
  /** What it did, when known before it is recorded. */
  readonly effects?: readonly unknown[];
}

export interface NewTask {
  /** Chosen before the task is written, so the firing's record can name it in the same step. */
  readonly id: string;
  readonly title: string;
  readonly ownerId: string | null;
  readonly dueAt: Date;
  readonly ruleId: string;
  readonly threadId: string;
  readonly record: { readonly type: string; readonly id: string } | null;
}

export interface NewNotification {
  readonly userId: string;
  readonly text: string;
  readonly threadId: string;
  readonly ruleId: string;
}

/** An event for every enabled endpoint subscribed to its type, or for the one endpoint named. */
export interface WebhookEvent {
  readonly type: string;
  readonly payload: object;
  readonly endpointId?: string | undefined;
}

/** Records firings from a JSON array (`firingsJson`), returning the keys of those not recorded before. */
const insertFirings = (firings: string, at: string) =>
  `INSERT INTO rule_firings (rule_id, event_key, message_id, fired_at, reasons, effects)
   SELECT f."ruleId", f."eventKey", f."messageId", ${at}::timestamptz, f.reasons, coalesce(f.effects, '[]')
   FROM jsonb_to_recordset(${firings}::jsonb)
     AS f("ruleId" uuid, "eventKey" text, "messageId" uuid, reasons jsonb, effects jsonb)
   ORDER BY f."ruleId", f."eventKey"
   ON CONFLICT DO NOTHING
   RETURNING rule_id || E'\\t' || event_key AS key`;

const firingsJson = (firings: readonly FiringRecord[]) =>
  JSON.stringify(
    firings.map((f) => ({
      ruleId: f.ruleId,
      eventKey: f.eventKey,
      messageId: f.messageId,
      reasons: f.reasons,
      effects: f.effects,
    })),
  );

const insertTasks = (tasks: string) =>
  `INSERT INTO tasks (id, title, owner_id, assignee_id, due_at, rule_id, thread_id, record_type, record_id)
   SELECT t.id, t.title, t."ownerId", t."ownerId", t."dueAt", t."ruleId", t."threadId", t."recordType", t."recordId"
   FROM jsonb_to_recordset(${tasks}::jsonb) AS t(n int, id uuid, title text, "ownerId" uuid, "dueAt" timestamptz,
     "ruleId" uuid, "threadId" text, "recordType" text, "recordId" uuid)
   ORDER BY t.n`;

const tasksJson = (tasks: readonly NewTask[]) =>
  JSON.stringify(
    tasks.map((task, n) => ({
      n,
      id: task.id,
      title: task.title,
      ownerId: task.ownerId,
      dueAt: task.dueAt,
      ruleId: task.ruleId,
      threadId: task.threadId,
      recordType: task.record?.type ?? null,
      recordId: task.record?.id ?? null,
    })),
  );

const insertNotes = (notes: string, at: string) =>
  `INSERT INTO notifications (user_id, text, thread_id, rule_id, created_at)
   SELECT n."userId", n.text, n."threadId", n."ruleId", ${at}::timestamptz
   FROM jsonb_to_recordset(${notes}::jsonb) AS n("userId" uuid, text text, "threadId" text, "ruleId" uuid)`;

const notesJson = (notes: readonly NewNotification[]) => JSON.stringify(notes);

/** Who takes webhook events, read once for a batch. */
export interface WebhookSubscriptions {
  readonly endpointIds: ReadonlySet<string>;
  readonly eventTypes: ReadonlySet<string>;
}

/**
 * The writes of a batch of firings, each one statement whatever the batch's
 * size, all run in the batch's transaction: `recordFirings` first, and the
 * rest only for the firings it recorded. Rows that other workers may also
 * write are taken in key order, so two workers never wait on each other in
 * a circle.
 */
export function ruleFiringWrites(tx: Queryable) {
  return {
    /**
     * Records the firings not recorded yet and returns their keys (rule id,
     * a tab, event key); the others fired already, here or in another worker.
     * A firing given without its effects gets them from `recordEffects`.
     */
    async recordFirings(firings: readonly FiringRecord[], at: Date): Promise<Set<string>> {
      if (firings.length === 0) return new Set();
      const rows = await tx.query<{ key: string }>(insertFirings('$1', '$2'), [
        firingsJson(firings),
        at,
      ]);
      return new Set(rows.map((row) => row.key));
    },
    /**
     * `recordFirings` with the firings' tasks and notifications in the same
     * statement, for a caller that rolls the transaction back unless every
     * firing came back.
     */
    async recordWithRows(
      firings: readonly FiringRecord[],
      rows: { readonly tasks: readonly NewTask[]; readonly notes: readonly NewNotification[] },
      at: Date,
    ): Promise<Set<string>> {
      if (firings.length === 0) return new Set();
      const recorded = await tx.query<{ key: string }>(
        `WITH made_tasks AS (${insertTasks('$3')}), made_notes AS (${insertNotes('$4', '$2')})
         ${insertFirings('$1', '$2')}`,
        [firingsJson(firings), at, tasksJson(rows.tasks), notesJson(rows.notes)],
      );
      return new Set(recorded.map((row) => row.key));
    },
    /** The keys, among the firings', of those recorded already (committed, or written in this transaction). */
    async recordedKeys(
      firings: readonly Pick<FiringRecord, 'ruleId' | 'eventKey'>[],
    ): Promise<Set<string>> {
      if (firings.length === 0) return new Set();
      const rows = await tx.query<{ key: string }>(
        `SELECT r.rule_id || E'\\t' || r.event_key AS key
         FROM unnest($1::uuid[], $2::text[]) AS f(rule_id, event_key)
         JOIN rule_firings r ON r.rule_id = f.rule_id AND r.event_key = f.event_key`,
        [firings.map((f) => f.ruleId), firings.map((f) => f.eventKey)],
      );
      return new Set(rows.map((row) => row.key));
    },
    /** What each recorded firing did, for its record. */
    async recordEffects(
      effects: readonly { ruleId: string; eventKey: string; effects: readonly unknown[] }[],
    ): Promise<void> {
      if (effects.length === 0) return;
      await tx.query(
        `UPDATE rule_firings r SET effects = f.effects
         FROM jsonb_to_recordset($1::jsonb) AS f("ruleId" uuid, "eventKey" text, effects jsonb)
         WHERE r.rule_id = f."ruleId" AND r.event_key = f."eventKey"`,
        [
          JSON.stringify(
            effects.map((f) => ({ ruleId: f.ruleId, eventKey: f.eventKey, effects: f.effects })),
          ),
        ],
      );
    },
    /**
     * Takes `count` turns of each round robin at once, the rotations in key
     * order; returns the first turn each got. Concurrent batches wait for
     * each other here.
     */
    async takeTurns(counts: ReadonlyMap<string, number>): Promise<Map<string, number>> {
      if (counts.size === 0) return new Map();
      const rows = await tx.query<{ key: string; next: number }>(
        `INSERT INTO round_robin_turns (key, next_turn)
         SELECT t.key, t.count FROM unnest($1::text[], $2::bigint[]) AS t(key, count) ORDER BY t.key
         ON CONFLICT (key) DO UPDATE SET next_turn = round_robin_turns.next_turn + excluded.next_turn
         RETURNING key, next_turn AS next`,
        [[...counts.keys()], [...counts.values()]],
      );
      return new Map(rows.map((row) => [row.key, row.next - counts.get(row.key)!]));
    },
    /** The tasks, in one statement. */
    async createTasks(tasks: readonly NewTask[]): Promise<void> {
      if (tasks.length === 0) return;
      await tx.query(insertTasks('$1'), [tasksJson(tasks)]);
    },
    /**
     * The enabled endpoints and the event types they subscribe to: an event
     * no endpoint takes is not queued, nor serialised.
     */
    async webhookSubscriptions(): Promise<WebhookSubscriptions> {
      const rows = await tx.query<{ id: string; events: string[] }>(
        `SELECT id, events FROM webhook_endpoints WHERE enabled`,
      );
      return {
        endpointIds: new Set(rows.map((r) => r.id)),
        eventTypes: new Set(rows.flatMap((r) => r.events)),
      };
    },
    async notify(notes: readonly NewNotification[], at: Date): Promise<void> {
      if (notes.length === 0) return;
      await tx.query(insertNotes('$1', '$2'), [notesJson(notes), at]);
    },
    /**
     * Queues the events, in order, in this transaction: they leave only if
     * the firings commit, and capture never waits for a receiver.
     */
    async queueWebhooks(events: readonly WebhookEvent[], at: Date): Promise<void> {
      if (events.length === 0) return;
      await tx.query(
        `INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, next_attempt_at, created_at)
         SELECT w.id, e.type, e.payload, $2, $2
         FROM jsonb_to_recordset($1::jsonb) AS e(n int, type text, payload jsonb, "endpointId" uuid)
         JOIN webhook_endpoints w ON w.enabled
           AND (e."endpointId" IS NULL AND e.type = ANY(w.events) OR w.id = e."endpointId")
         ORDER BY e.n, w.id`,
        [
          JSON.stringify(
            events.map((event, n) => ({
              n,
              type: event.type,
              payload: event.payload,
              endpointId: event.endpointId ?? null,
            })),
          ),
          at,
        ],
      );
    },
  };
}

export type RuleFiringWrites = ReturnType<typeof ruleFiringWrites>;
