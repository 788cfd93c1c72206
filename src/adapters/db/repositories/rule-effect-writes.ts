import type { Queryable } from '../database.js';

/**
 * The writes of a firing, each one statement, all run in the firing's
 * transaction: `recordFiring` first, and the rest only when it recorded.
 */
export function ruleEffectWrites(tx: Queryable) {
  return {
    /** Whether this is the first time the rule fires on the event (false: someone already did). */
    async recordFiring(firing: {
      ruleId: string;
      eventKey: string;
      messageId: string;
      at: Date;
      reasons: readonly string[];
    }): Promise<boolean> {
      const rows = await tx.query(
        `INSERT INTO rule_firings (rule_id, event_key, message_id, fired_at, reasons, effects)
         VALUES ($1, $2, $3, $4, $5, '[]') ON CONFLICT DO NOTHING RETURNING rule_id`,
        [
          firing.ruleId,
          firing.eventKey,
          firing.messageId,
          firing.at,
          JSON.stringify(firing.reasons),
        ],
      );
      return rows.length > 0;
    },
    async recordEffects(
      ruleId: string,
      eventKey: string,
      effects: readonly unknown[],
    ): Promise<void> {
      await tx.query('UPDATE rule_firings SET effects = $3 WHERE rule_id = $1 AND event_key = $2', [
        ruleId,
        eventKey,
        JSON.stringify(effects),
      ]);
    },
    /** The turn a round robin is at, moved on by one: concurrent firings wait for each other here. */
    async takeTurn(key: string): Promise<number> {
      const [row] = await tx.query<{ turn: number }>(
        `INSERT INTO round_robin_turns (key, next_turn) VALUES ($1, 1)
         ON CONFLICT (key) DO UPDATE SET next_turn = round_robin_turns.next_turn + 1
         RETURNING next_turn - 1 AS turn`,
        [key],
      );
      return row!.turn;
    },
    /**
     * Files the message on a record the firing made from its address, as the
     * address rule would have had the record existed when it was filed.
     */
    async fileOn(
      messageId: string,
      record: { type: 'lead' | 'contact'; id: string },
      address: string,
    ): Promise<void> {
      await tx.query(
        `INSERT INTO message_links (message_id, record_type, record_id, reason, confidence, source,
           ambiguous, alternatives)
         VALUES ($1, $2, $3, $4, 1, 'auto', false, '[]') ON CONFLICT DO NOTHING`,
        [messageId, record.type, record.id, `address ${address}`],
      );
    },
    /** A lead for the address unless one already has it; the lead's id either way. */
    createLead: (lead: NewPerson) => createPerson(tx, 'lead', lead),
    /** A contact for the address unless one already has it; the contact's id either way. */
    createContact: (contact: NewPerson) => createPerson(tx, 'contact', contact),
    async createTask(task: {
      title: string;
      ownerId: string | null;
      dueAt: Date;
      ruleId: string;
      threadId: string;
      record: { type: string; id: string } | null;
    }): Promise<string> {
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO tasks (title, owner_id, assignee_id, due_at, rule_id, thread_id, record_type, record_id)
         VALUES ($1, $2, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          task.title,
          task.ownerId,
          task.dueAt,
          task.ruleId,
          task.threadId,
          task.record?.type ?? null,
          task.record?.id ?? null,
        ],
      );
      return row!.id;
    },
    async setOwner(
      table: 'accounts' | 'contacts' | 'leads' | 'deals',
      id: string,
      ownerId: string | null,
      at: Date,
    ): Promise<void> {
      await tx.query(`UPDATE ${table} SET owner_id = $2, updated_at = $3 WHERE id = $1`, [
        id,
        ownerId,
        at,
      ]);
    },
    /** Files every message of the thread on the deal, as a rule's link. */
    async addThreadToDeal(threadId: string, dealId: string, ruleName: string): Promise<void> {
      await tx.query(
        `INSERT INTO message_links (message_id, record_type, record_id, reason, confidence, source)
         SELECT m.id, 'deal', d.id, $3, 1, 'rule' FROM messages m, deals d
         WHERE m.thread_id = $1 AND d.id = $2
         ON CONFLICT DO NOTHING`,
        [threadId, dealId, `workflow rule "${ruleName}"`],
      );
    },
    async notify(note: {
      userId: string;
      text: string;
      threadId: string;
      ruleId: string;
      at: Date;
    }): Promise<void> {
      await tx.query(
        `INSERT INTO notifications (user_id, text, thread_id, rule_id, created_at) VALUES ($1, $2, $3, $4, $5)`,
        [note.userId, note.text, note.threadId, note.ruleId, note.at],
      );
    },
    /**
     * Queues an event for every enabled endpoint subscribed to its type (or
     * the one endpoint named), in this transaction: it leaves only if the
     * firing commits, and capture never waits for the receiver.
     */
    async queueWebhook(event: {
      type: string;
      payload: object;
      at: Date;
      endpointId?: string;
    }): Promise<void> {
      await tx.query(
        `INSERT INTO webhook_deliveries (endpoint_id, event_type, payload, next_attempt_at, created_at)
         SELECT id, $1, $2, $3, $3 FROM webhook_endpoints
         WHERE enabled AND ($4::uuid IS NULL AND $1 = ANY(events) OR id = $4::uuid)`,
        [event.type, JSON.stringify(event.payload), event.at, event.endpointId ?? null],
      );
    },
  };
}

interface NewPerson {
  readonly email: string;
  readonly name: string;
  readonly country: string | null;
  readonly ownerId: string | null;
}

/** Where each kind of person keeps its addresses; a contact joins the account of its domain. */
const personTables = {
  lead: { table: 'leads', emails: 'lead_emails', key: 'lead_id', extra: 'company', value: "''" },
  contact: {
    table: 'contacts',
    emails: 'contact_emails',
    key: 'contact_id',
    extra: 'account_id',
    value: "(SELECT account_id FROM account_domains WHERE domain = split_part($1, '@', 2) LIMIT 1)",
  },
} as const;

/** A person for the address unless one already has it, in one statement; its id either way. */
async function createPerson(
  tx: Queryable,
  kind: keyof typeof personTables,
  person: NewPerson,
): Promise<string> {
  const t = personTables[kind];
  const [first = '', ...rest] = person.name.split(/\s+/);
  const [row] = await tx.query<{ id: string }>(
    `WITH existing AS (SELECT ${t.key} AS id FROM ${t.emails} WHERE address = $1 LIMIT 1),
     created AS (
       INSERT INTO ${t.table} (first_name, last_name, country, owner_id, ${t.extra})
       SELECT $2, $3, $4, $5, ${t.value} WHERE NOT EXISTS (SELECT 1 FROM existing) RETURNING id
     ), email AS (
       INSERT INTO ${t.emails} (${t.key}, address, position) SELECT id, $1, 0 FROM created
     )
     SELECT id FROM existing UNION ALL SELECT id FROM created`,
    [person.email, first, rest.join(' '), person.country ?? '', person.ownerId],
  );
  return row!.id;
}
