import type { Queryable } from '../database.js';
import {
  messageVisibleTo,
  readerCte,
  readerParams,
  type ReaderParams,
} from './message-visibility.js';

/** A conversation message as the relationship scores read it. */
export interface ConversationRow {
  threadId: string;
  sentAt: Date;
  from: string | null;
  participants: string[];
}

export interface ColleagueRow {
  id: string;
  name: string;
  email: string;
  addresses: string[];
}

/** Mail written by people to people: what a relationship is made of, noise left out. */
const conversation = `m.category IN ('human', 'meeting', 'list') AND m.sent_at IS NOT NULL`;

/**
 * Reads behind the relationship scores, each filtered by what the reader may
 * see, newest first and bounded: a score is made of recent mail, and the
 * oldest messages of a long history add next to nothing to it.
 */
export function connectionsRepository(db: Queryable) {
  return {
    /** Every user with the addresses they write from. */
    colleagues: () =>
      db.query<ColleagueRow>(
        `SELECT u.id, u.name, u.email,
           array_prepend(u.email, coalesce(array_agg(a.address) FILTER (WHERE a.address IS NOT NULL), '{}')) AS addresses
         FROM users u LEFT JOIN user_aliases a ON a.user_id = u.id
         GROUP BY u.id ORDER BY u.email`,
      ),

    contactAddresses: async (contactId: string) =>
      (
        await db.query<{ address: string }>(
          'SELECT address FROM contact_emails WHERE contact_id = $1 ORDER BY position',
          [contactId],
        )
      ).map((row) => row.address),

    /** The account's contacts with their addresses, and the account's own domains. */
    async accountPeople(accountId: string) {
      const [contacts, domains] = await Promise.all([
        db.query<{ id: string; name: string; addresses: string[] }>(
          `SELECT c.id, trim(c.first_name || ' ' || c.last_name) AS name,
             array_agg(e.address ORDER BY e.position) AS addresses
           FROM contacts c JOIN contact_emails e ON e.contact_id = c.id
           WHERE c.account_id = $1 GROUP BY c.id ORDER BY name`,
          [accountId],
        ),
        db.query<{ domain: string }>(
          'SELECT domain FROM account_domains WHERE account_id = $1 ORDER BY domain',
          [accountId],
        ),
      ]);
      return { contacts, domains: domains.map((row) => row.domain) };
    },

    /** Conversation messages with any of `addresses` among their participants. */
    messagesWith: (reader: ReaderParams, addresses: readonly string[], limit: number) =>
      db.query<ConversationRow>(
        `WITH ${readerCte}
         SELECT m.thread_id AS "threadId", m.sent_at AS "sentAt", m.from_address AS "from", m.participants
         FROM messages m
         WHERE m.participants && $4::text[] AND ${conversation} AND ${messageVisibleTo('m')}
         ORDER BY m.sent_at DESC LIMIT $5`,
        [...readerParams(reader), [...addresses], limit],
      ),

    /** Conversation messages filed on the account. */
    messagesOfAccount: (reader: ReaderParams, accountId: string, limit: number) =>
      db.query<ConversationRow>(
        `WITH ${readerCte}
         SELECT m.thread_id AS "threadId", m.sent_at AS "sentAt", m.from_address AS "from", m.participants
         FROM message_links l JOIN messages m ON m.id = l.message_id
         WHERE l.record_type = 'account' AND l.record_id = $4 AND ${conversation}
           AND ${messageVisibleTo('m')}
         ORDER BY m.sent_at DESC LIMIT $5`,
        [...readerParams(reader), accountId, limit],
      ),
  };
}
