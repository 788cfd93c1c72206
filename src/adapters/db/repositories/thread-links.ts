import type { RecordType } from '../../../core/sharing/access.js';
import type { Queryable } from '../database.js';
import {
  messageBodyOpenTo,
  messageVisibleTo,
  readerCte,
  readerParams,
  type ReaderParams,
} from './message-visibility.js';

export type OverrideAction = 'add' | 'remove';

export interface ThreadLinkView {
  type: RecordType;
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

const recordName = (type: string, id: string) => `CASE ${type}
    WHEN 'account' THEN (SELECT a.name FROM accounts a WHERE a.id = ${id})
    WHEN 'contact' THEN (SELECT trim(c.first_name || ' ' || c.last_name) FROM contacts c WHERE c.id = ${id})
    WHEN 'lead' THEN (SELECT trim(l.first_name || ' ' || l.last_name) FROM leads l WHERE l.id = ${id})
    WHEN 'deal' THEN (SELECT d.name FROM deals d WHERE d.id = ${id})
    WHEN 'case' THEN (SELECT k.number || ' ' || k.subject FROM cases k WHERE k.id = ${id})
  END`;

/**
 * Threads and their links, as the hand-editing of links (C4) needs them:
 * reads filtered by what the reader may see, writes applied to the whole
 * thread because a manual choice holds for all of it.
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

    /** The newest choice for this thread and record replaces any earlier one. */
    async saveOverride(override: {
      threadId: string;
      type: RecordType;
      recordId: string;
      action: OverrideAction;
      userId: string;
      at: Date;
    }): Promise<void> {
      await db.query(
        `INSERT INTO thread_link_overrides (thread_id, record_type, record_id, action, user_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (thread_id, record_type, record_id)
         DO UPDATE SET action = EXCLUDED.action, user_id = EXCLUDED.user_id, created_at = EXCLUDED.created_at`,
        [
          override.threadId,
          override.type,
          override.recordId,
          override.action,
          override.userId,
          override.at,
        ],
      );
    },

    /** Links every captured message of the thread to the record by hand; returns how many changed. */
    async linkThread(link: {
      threadId: string;
      type: RecordType;
      recordId: string;
      reason: string;
    }): Promise<number> {
      const rows = await db.query(
        `INSERT INTO message_links (message_id, record_type, record_id, reason, confidence, source, ambiguous, alternatives)
         SELECT m.id, $2, $3, $4, 1, 'manual', false, '[]'
         FROM messages m WHERE m.thread_id = $1 AND m.captured
         ON CONFLICT (message_id, record_type, record_id) DO UPDATE
           SET reason = EXCLUDED.reason, confidence = 1, source = 'manual', ambiguous = false, alternatives = '[]'
         RETURNING message_id`,
        [link.threadId, link.type, link.recordId, link.reason],
      );
      return rows.length;
    },

    /** Takes the record off every message of the thread; returns how many links went. */
    async unlinkThread(link: { threadId: string; type: RecordType; recordId: string }) {
      const rows = await db.query(
        `DELETE FROM message_links l USING messages m
         WHERE l.message_id = m.id AND m.thread_id = $1 AND l.record_type = $2 AND l.record_id = $3
         RETURNING l.message_id`,
        [link.threadId, link.type, link.recordId],
      );
      return rows.length;
    },
  };
}
