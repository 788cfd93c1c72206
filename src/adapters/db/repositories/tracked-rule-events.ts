import type { Queryable } from '../database.js';

/** A person's open or click of a tracked message, as the rule pass reads it from the stored events. */
export interface StoredPersonAction {
  /** The event's place in the stream: what the cursor moves past. */
  readonly id: number;
  readonly at: Date;
  /** The stored copy of the message (the Sent copy, once captured); null while none is stored. */
  readonly messageId: string | null;
  readonly action: 'open' | 'click';
  /** The clicked link's target; null for an open. */
  readonly url: string | null;
}

const stream = 'tracked_person_actions';

/**
 * The stored opens and clicks that the tracking judged a person's, read in
 * order after a cursor kept per stream, for the rule pass. Events whose
 * message is not captured yet are read and passed over, as the tracking's
 * own telling of the rules passes them over.
 */
export function trackedRuleEventsRepository(db: Queryable) {
  return {
    async cursor(): Promise<number> {
      const [row] = await db.query<{ afterId: number }>(
        `SELECT after_id AS "afterId" FROM rule_event_cursors WHERE stream = $1`,
        [stream],
      );
      return row?.afterId ?? 0;
    },

    /** Moves the cursor forward only: a slower worker never takes it back. */
    async advance(afterId: number): Promise<void> {
      await db.query(
        `INSERT INTO rule_event_cursors (stream, after_id) VALUES ($1, $2)
         ON CONFLICT (stream) DO UPDATE SET after_id = greatest(rule_event_cursors.after_id, excluded.after_id)`,
        [stream, afterId],
      );
    },

    /** People's events after `afterId`, oldest first. */
    async after(afterId: number, limit: number): Promise<StoredPersonAction[]> {
      return db.query<StoredPersonAction>(
        `SELECT e.id, e.at, e.kind AS action,
           CASE WHEN e.kind = 'click' THEN t.links[e.link + 1] END AS url,
           (SELECT m.id FROM messages m WHERE m.message_id = o.message_id ORDER BY m.id LIMIT 1) AS "messageId"
         FROM tracking_events e
           JOIN tracked_messages t ON t.id = e.tracked_message_id
           JOIN outbox o ON o.id = t.outbox_id
         WHERE e.id > $1 AND e.verdict = 'human'
         ORDER BY e.id LIMIT $2`,
        [afterId, limit],
      );
    },
  };
}
