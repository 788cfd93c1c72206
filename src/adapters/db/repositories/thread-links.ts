import type { RecordKind } from '../../../core/records/record-kinds.js';
import type { Queryable } from '../database.js';
import {
  messageBodyOpenTo,
  messageVisibleTo,
  readerCte,
  readerParams,
  type ReaderParams,
} from './message-visibility.js';
import { recordName } from './record-name.js';

export type OverrideAction = 'add' | 'remove';

export interface ThreadLinkView {
  type: RecordKind;
  id: string;
  name: string | null;
  reason: string;
  confidence: number;
  source: 'auto' | 'rule' | 'manual';
}

export interface ThreadMessageRow {
  id: string;
  subject: string;
  sentAt: Date | null;
  fromAddress: string | null;
  participants: string[];
  /** False for mail the reader sees only as metadata. */
  bodyOpen: boolean;
  snippet: string | null;
  links: ThreadLinkView[];
}

/**
 * Threads and their links, as the hand-editing of links needs them: reads
 * and writes alike reach only the thread's messages the user may see, and a
 * choice holds for the later mail of the users whose mail in the thread the
 * user could see (a thread may hold mail of several owners, not all of it
 * shared).
 */
export function threadLinksRepository(db: Queryable) {
  return {
    /** Whether the reader may see at least one message of the thread. */
    async threadVisible(reader: ReaderParams, threadId: string): Promise<boolean> {
      const rows = await db.query(
        `WITH ${readerCte}
         SELECT 1 FROM messages m WHERE m.thread_id = $4 AND ${messageVisibleTo('m')} LIMIT 1`,
        [...readerParams(reader), threadId],
      );
      return rows.length > 0;
    },

    /** The thread's messages the reader may see, oldest first, each with its links. */
    async visibleMessages(reader: ReaderParams, threadId: string): Promise<ThreadMessageRow[]> {
      return db.query<ThreadMessageRow>(
        `WITH ${readerCte}
         SELECT m.id, m.subject, m.sent_at AS "sentAt", m.from_address AS "fromAddress", m.participants,
           ${messageBodyOpenTo('m')} AS "bodyOpen",
           CASE WHEN ${messageBodyOpenTo('m')} THEN left(regexp_replace(coalesce(m.text_body, ''), '\\s+', ' ', 'g'), 160) END AS snippet,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('type', ml.record_type, 'id', ml.record_id,
               'name', ${recordName('ml.record_type', 'ml.record_id')},
               'reason', ml.reason, 'confidence', ml.confidence, 'source', ml.source)
               ORDER BY ml.confidence DESC, ml.record_type, ml.record_id), '[]')
            FROM message_links ml WHERE ml.message_id = m.id) AS links
         FROM messages m
         WHERE m.thread_id = $4 AND ${messageVisibleTo('m')}
         ORDER BY coalesce(m.sent_at, m.created_at), m.id`,
        [...readerParams(reader), threadId],
      );
    },

    /** The thread's links over the messages the reader may see, one per record, best reason first. */
    async visibleLinks(reader: ReaderParams, threadId: string): Promise<ThreadLinkView[]> {
      return db.query<ThreadLinkView>(
        `WITH ${readerCte}
         SELECT best.record_type AS type, best.record_id AS id,
           ${recordName('best.record_type', 'best.record_id')} AS name,
           best.reason, best.confidence, best.source
         FROM (SELECT DISTINCT ON (l.record_type, l.record_id) l.record_type, l.record_id, l.reason,
                 l.confidence, l.source
               FROM message_links l JOIN messages m ON m.id = l.message_id
               WHERE m.thread_id = $4 AND ${messageVisibleTo('m')}
               ORDER BY l.record_type, l.record_id, l.confidence DESC, l.reason) AS best
         ORDER BY best.confidence DESC, best.record_type, best.record_id`,
        [...readerParams(reader), threadId],
      );
    },

    /**
     * The newest choice for this thread and record replaces any earlier one
     * for the owners it covers: the user and those whose mail in the thread
     * the user may see. The same choice again widens whom it covers.
     */
    async saveOverride(
      reader: ReaderParams,
      override: {
        threadId: string;
        type: RecordKind;
        recordId: string;
        action: OverrideAction;
        at: Date;
      },
    ): Promise<void> {
      await db.query(
        `WITH ${readerCte},
         covered AS (
           SELECT array_agg(DISTINCT o.id) AS ids FROM (
             SELECT $1::uuid AS id
             UNION
             SELECT mb.owner_id FROM messages m
             JOIN message_decisions d ON d.message_id = m.id JOIN mailboxes mb ON mb.id = d.mailbox_id
             WHERE m.thread_id = $4 AND ${messageVisibleTo('m')}) AS o)
         INSERT INTO thread_link_overrides (thread_id, record_type, record_id, action, user_id, created_at, owner_ids)
         SELECT $4, $5, $6, $7, $1::uuid, $8, covered.ids FROM covered
         ON CONFLICT (thread_id, record_type, record_id)
         DO UPDATE SET action = EXCLUDED.action, user_id = EXCLUDED.user_id, created_at = EXCLUDED.created_at,
           owner_ids = CASE WHEN thread_link_overrides.action = EXCLUDED.action
             THEN ARRAY(SELECT DISTINCT unnest(thread_link_overrides.owner_ids || EXCLUDED.owner_ids))
             ELSE EXCLUDED.owner_ids END`,
        [
          ...readerParams(reader),
          override.threadId,
          override.type,
          override.recordId,
          override.action,
          override.at,
        ],
      );
    },

    /**
     * Links the thread's captured messages the reader may see to the record
     * by hand; returns how many changed.
     */
    async linkThread(
      reader: ReaderParams,
      link: { threadId: string; type: RecordKind; recordId: string; reason: string },
    ): Promise<number> {
      const rows = await db.query(
        `WITH ${readerCte}
         INSERT INTO message_links (message_id, record_type, record_id, reason, confidence, source, ambiguous, alternatives)
         SELECT m.id, $5, $6, $7, 1, 'manual', false, '[]'
         FROM messages m WHERE m.thread_id = $4 AND m.captured AND ${messageVisibleTo('m')}
         ON CONFLICT (message_id, record_type, record_id) DO UPDATE
           SET reason = EXCLUDED.reason, confidence = 1, source = 'manual', ambiguous = false, alternatives = '[]'
         RETURNING message_id`,
        [...readerParams(reader), link.threadId, link.type, link.recordId, link.reason],
      );
      return rows.length;
    },

    /** Takes the record off the thread's messages the reader may see; returns how many links went. */
    async unlinkThread(
      reader: ReaderParams,
      link: { threadId: string; type: RecordKind; recordId: string },
    ) {
      const rows = await db.query(
        `WITH ${readerCte}
         DELETE FROM message_links l USING messages m
         WHERE l.message_id = m.id AND m.thread_id = $4 AND l.record_type = $5 AND l.record_id = $6
           AND ${messageVisibleTo('m')}
         RETURNING l.message_id`,
        [...readerParams(reader), link.threadId, link.type, link.recordId],
      );
      return rows.length;
    },
  };
}
