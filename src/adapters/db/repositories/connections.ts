import type { RecordKind } from '../../../core/records/record-kinds.js';
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

/** A contact of a deal: its title, its role on the deal, and its addresses. */
export interface DealContactRow {
  id: string;
  name: string;
  title: string;
  role: string;
  addresses: string[];
}

/** An account the user owns open deals at. */
export interface OpenDealAccountRow {
  id: string;
  name: string;
  deals: { id: string; name: string }[];
}

/** What the CRM knows of someone on the threads: their title, and the account they belong to. */
export interface ThirdPartyFactsRow {
  address: string;
  title: string | null;
  accountName: string | null;
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

    /** The ids of a team's members; null when there is no such team. */
    teamMembers: async (teamId: string) =>
      (
        await db.query<{ members: string[] }>(
          `SELECT ARRAY(SELECT m.user_id FROM team_members m WHERE m.team_id = t.id) AS members
           FROM teams t WHERE t.id = $1`,
          [teamId],
        )
      )[0]?.members ?? null,

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

    /** Conversation messages filed on the record. */
    messagesOfRecord: (reader: ReaderParams, type: RecordKind, id: string, limit: number) =>
      db.query<ConversationRow>(
        `WITH ${readerCte}
         SELECT m.thread_id AS "threadId", m.sent_at AS "sentAt", m.from_address AS "from", m.participants
         FROM message_links l JOIN messages m ON m.id = l.message_id
         WHERE l.record_type = $4 AND l.record_id = $5 AND ${conversation}
           AND ${messageVisibleTo('m')}
         ORDER BY m.sent_at DESC LIMIT $6`,
        [...readerParams(reader), type, id, limit],
      ),

    /**
     * Captured conversation messages with any of `addresses`, whoever may
     * read them: only who wrote to whom and when, for a score that names a
     * colleague without showing their mail.
     */
    metadataWith: (addresses: readonly string[], limit: number) =>
      db.query<ConversationRow>(
        `SELECT m.thread_id AS "threadId", m.sent_at AS "sentAt", m.from_address AS "from", m.participants
         FROM messages m
         WHERE m.participants && $1::text[] AND ${conversation}
           AND EXISTS (SELECT 1 FROM message_decisions d WHERE d.message_id = m.id AND d.captured)
         ORDER BY m.sent_at DESC LIMIT $2`,
        [[...addresses], limit],
      ),

    /** The deal's contacts, in the deal's order, with their addresses (perhaps none). */
    dealContacts: (dealId: string) =>
      db.query<DealContactRow>(
        `SELECT c.id, trim(c.first_name || ' ' || c.last_name) AS name, c.title, dc.role,
           coalesce(array_agg(e.address ORDER BY e.position) FILTER (WHERE e.address IS NOT NULL),
             '{}') AS addresses
         FROM deal_contacts dc JOIN contacts c ON c.id = dc.contact_id
         LEFT JOIN contact_emails e ON e.contact_id = c.id
         WHERE dc.deal_id = $1 GROUP BY c.id, dc.role, dc.position ORDER BY dc.position, name`,
        [dealId],
      ),

    /**
     * For each third party, their title when they are a CRM contact, and
     * the name of their account: the contact's, else the account whose
     * domain their address is at (the most specific domain first).
     */
    thirdPartyFacts: (
      parties: readonly { address: string; domain: string; organisation: string }[],
    ) =>
      db.query<ThirdPartyFactsRow>(
        `SELECT p.address,
           (SELECT nullif(c.title, '') FROM contact_emails e JOIN contacts c ON c.id = e.contact_id
            WHERE e.address = p.address AND c.archived_at IS NULL
            ORDER BY c.created_at LIMIT 1) AS title,
           coalesce(
             (SELECT a.name FROM contact_emails e JOIN contacts c ON c.id = e.contact_id
              JOIN accounts a ON a.id = c.account_id
              WHERE e.address = p.address AND c.archived_at IS NULL AND a.archived_at IS NULL
              ORDER BY c.created_at LIMIT 1),
             (SELECT a.name FROM account_domains d JOIN accounts a ON a.id = d.account_id
              WHERE d.domain IN (p.domain, p.organisation) AND a.archived_at IS NULL
              ORDER BY length(d.domain) DESC, a.name LIMIT 1)) AS "accountName"
         FROM unnest($1::text[], $2::text[], $3::text[]) AS p(address, domain, organisation)`,
        [
          parties.map((party) => party.address),
          parties.map((party) => party.domain),
          parties.map((party) => party.organisation),
        ],
      ),

    /** Accounts at which the user owns open deals, by name. */
    openDealAccounts: (ownerId: string) =>
      db.query<OpenDealAccountRow>(
        `SELECT a.id, a.name,
           jsonb_agg(jsonb_build_object('id', d.id, 'name', d.name) ORDER BY d.name) AS deals
         FROM deals d JOIN accounts a ON a.id = d.account_id
         WHERE d.owner_id = $1 AND d.status = 'open'
         GROUP BY a.id ORDER BY a.name`,
        [ownerId],
      ),
  };
}
