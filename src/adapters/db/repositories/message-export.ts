import type { Queryable } from '../database.js';

export interface ExportedMessageRow {
  key: string;
  messageId: string | null;
  threadId: string;
  captured: boolean;
  category: string;
  reasons: string[];
  links: { type: string; externalId: string | null; reason: string; confidence: number }[];
}

const linksOf = `coalesce((SELECT jsonb_agg(jsonb_build_object(
    'type', l.record_type,
    'externalId', coalesce(
      (SELECT a.external_id FROM accounts a WHERE l.record_type = 'account' AND a.id = l.record_id),
      (SELECT c.external_id FROM contacts c WHERE l.record_type = 'contact' AND c.id = l.record_id),
      (SELECT d.external_id FROM leads d WHERE l.record_type = 'lead' AND d.id = l.record_id),
      (SELECT d.external_id FROM deals d WHERE l.record_type = 'deal' AND d.id = l.record_id),
      (SELECT k.external_id FROM cases k WHERE l.record_type = 'case' AND k.id = l.record_id)),
    'reason', l.reason, 'confidence', l.confidence) ORDER BY l.record_type, l.record_id)
  FROM message_links l WHERE l.message_id = m.id), '[]'::jsonb)`;

export function messageExportRepository(db: Queryable) {
  return {
    /**
     * A page of messages after `afterKey` (keyset pagination keeps memory flat
     * however many messages there are). Without an owner: every message, with
     * the organisation's view (captured if any mailbox captured it). With an
     * owner: only messages in that user's mailboxes, as that user's decision.
     */
    async page(options: {
      afterKey: string;
      limit: number;
      ownerId: string | null;
    }): Promise<ExportedMessageRow[]> {
      return db.query<ExportedMessageRow>(
        `SELECT m.message_key AS key, m.message_id AS "messageId", m.thread_id AS "threadId",
           coalesce(d.captured, m.captured) AS captured, coalesce(d.category, m.category) AS category,
           coalesce(d.reasons, m.reasons) AS reasons,
           CASE WHEN coalesce(d.captured, m.captured) THEN ${linksOf} ELSE '[]'::jsonb END AS links
         FROM messages m
         LEFT JOIN LATERAL (
           SELECT md.captured, md.category, md.reasons FROM message_decisions md
           JOIN mailboxes mb ON mb.id = md.mailbox_id
           WHERE md.message_id = m.id AND mb.owner_id = $3
           ORDER BY md.captured DESC LIMIT 1) d ON $3::uuid IS NOT NULL
         WHERE m.message_key > $1
           AND ($3::uuid IS NULL OR d.captured IS NOT NULL)
         ORDER BY m.message_key LIMIT $2`,
        [options.afterKey, options.limit, options.ownerId],
      );
    },
  };
}
