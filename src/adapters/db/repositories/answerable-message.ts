import type { OriginalMessage } from '../../../core/compose/reply-headers.js';
import type { MailAddress } from '../../../core/message.js';
import type { Queryable } from '../database.js';
import {
  messageBodyOpenTo,
  messageVisibleTo,
  readerCte,
  readerParams,
  type ReaderParams,
} from './message-visibility.js';

/**
 * A stored message as an answer needs it, under the reading rules: null
 * when the reader may not see it, and no quoted text when they may not
 * open its body.
 */
export async function answerableMessage(
  db: Queryable,
  reader: ReaderParams,
  id: string,
): Promise<(OriginalMessage & { threadId: string }) | null> {
  const [row] = await db.query<{
    threadId: string;
    messageId: string | null;
    subject: string;
    sentAt: Date | null;
    envelope: {
      from?: MailAddress[];
      replyTo?: MailAddress[];
      to?: MailAddress[];
      cc?: MailAddress[];
      references?: string[];
    };
    text: string | null;
  }>(
    `WITH ${readerCte}
     SELECT m.thread_id AS "threadId", m.message_id AS "messageId", m.subject, m.sent_at AS "sentAt",
       m.envelope, CASE WHEN ${messageBodyOpenTo('m')} THEN m.text_body END AS text
     FROM messages m, reader WHERE m.id = $4 AND ${messageVisibleTo('m')}`,
    [...readerParams(reader), id],
  );
  if (!row) return null;
  return {
    threadId: row.threadId,
    messageId: row.messageId,
    subject: row.subject,
    sentAt: row.sentAt,
    from: row.envelope.from ?? [],
    replyTo: row.envelope.replyTo ?? [],
    to: row.envelope.to ?? [],
    cc: row.envelope.cc ?? [],
    references: row.envelope.references ?? [],
    text: row.text,
  };
}
