import type { RecordKind } from '../../../core/records/record-kinds.js';
import type { Queryable } from '../database.js';
import {
  messageBodyOpenTo,
  messageVisibleTo,
  readerCte,
  readerParams,
  type ReaderParams,
} from './message-visibility.js';
import { storedHtmlColumns, type StoredHtml } from './safe-html.js';

export interface ExportedMessageRow {
  key: string;
  messageId: string | null;
  threadId: string;
  captured: boolean;
  category: string;
  reasons: string[];
  links: { type: string; externalId: string | null; reason: string; confidence: number }[];
  /** The calendar objects the message carried, null when none were read. */
  meetings: object[] | null;
  /** What was proven about the sender (core/sender-auth/verdict.ts), null when nothing was checked. */
  senderAuth: Record<string, unknown> | null;
}

/** A message the reader may see, with the organisation's decision; bodies are null unless `bodyOpen`. */
export interface VisibleExportRow extends ExportedMessageRow, StoredHtml {
  id: string;
  subject: string;
  sentAt: Date | null;
  fromAddress: string | null;
  participants: string[];
  bodyOpen: boolean;
  textBody: string | null;
}

export interface VisibleExportFilter {
  record: { type: RecordKind; id: string } | null;
  /** Sent (or, undated, stored) at or after `from` and before `to`. */
  from: Date | null;
  to: Date | null;
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
           CASE WHEN coalesce(d.captured, m.captured) THEN ${linksOf} ELSE '[]'::jsonb END AS links,
           m.meetings, m.sender_auth AS "senderAuth"
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

    /**
     * A page of the messages the reader may see (the same predicate as every
     * other read), after `afterKey`, matching the filter. Bodies come only
     * where the reader may open them.
     */
    async visiblePage(
      reader: ReaderParams,
      options: { afterKey: string; limit: number; filter: VisibleExportFilter },
    ): Promise<VisibleExportRow[]> {
      const { filter } = options;
      return db.query<VisibleExportRow>(
        `WITH ${readerCte},
         page AS (
           SELECT m.id, m.message_key, ${messageBodyOpenTo('m')} AS body_open
           FROM messages m
           WHERE m.message_key > $4
             AND ($6::text IS NULL OR EXISTS (
               SELECT 1 FROM message_links l
               WHERE l.message_id = m.id AND l.record_type = $6::text AND l.record_id = $7::uuid))
             AND ($8::timestamptz IS NULL OR coalesce(m.sent_at, m.created_at) >= $8::timestamptz)
             AND ($9::timestamptz IS NULL OR coalesce(m.sent_at, m.created_at) < $9::timestamptz)
             AND ${messageVisibleTo('m')}
           ORDER BY m.message_key LIMIT $5)
         SELECT m.message_key AS key, m.id, m.message_id AS "messageId", m.thread_id AS "threadId",
           m.subject, m.sent_at AS "sentAt", m.from_address AS "fromAddress", m.participants,
           m.captured, m.category, m.reasons, ${linksOf} AS links, m.meetings, p.body_open AS "bodyOpen",
           CASE WHEN p.body_open THEN m.text_body END AS "textBody",
           ${storedHtmlColumns('m', 's', 'p.body_open')}
         FROM page p JOIN messages m ON m.id = p.id
           LEFT JOIN message_safe_html s ON s.message_id = m.id
         ORDER BY m.message_key`,
        [
          ...readerParams(reader),
          options.afterKey,
          options.limit,
          filter.record?.type ?? null,
          filter.record?.id ?? null,
          filter.from,
          filter.to,
        ],
      );
    },
  };
}
