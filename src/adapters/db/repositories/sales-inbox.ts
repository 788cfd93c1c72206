import type { InboxColumn } from '../../../core/inbox/inbox-columns.js';
import type { Queryable } from '../database.js';
import {
  messageVisibleTo,
  readerCte,
  readerParams,
  type ReaderParams,
} from './message-visibility.js';
import { recordName } from './record-name.js';
import * as threadWalk from './thread-walk.js';

/** What filed a `crm` thread, strongest first. */
export type InboxVia = 'deal' | 'contact' | 'lead' | 'case' | 'account';

export interface InboxLink {
  type: InboxVia;
  id: string;
  name: string | null;
  reason: string;
}

export interface InboxThreadRow {
  threadId: string;
  /** The thread's newest message the reader may open: where its subject leads. */
  messageId: string;
  column: InboxColumn;
  /** For `crm` rows: the strongest kind of record the thread is filed on. */
  via: InboxVia | null;
  subject: string;
  lastAt: Date;
  messageCount: number;
  counterpart: { address: string; name: string | null } | null;
  /** A lead that now has the counterpart's address (e.g. created from this inbox). */
  counterpartLead: { id: string; name: string } | null;
  links: InboxLink[];
  /** `lastAt` in PostgreSQL's own text form, exact to the microsecond, for the next page's cursor. */
  cursorAt: string;
}

const viaRank = `CASE l.record_type WHEN 'deal' THEN 1 WHEN 'contact' THEN 2 WHEN 'lead' THEN 3
    WHEN 'case' THEN 4 ELSE 5 END`;

/**
 * The reader has a copy of message `m` in a mailbox of their own, sent since
 * `$4`. Such a copy is one the visibility predicate accepts (an owner sees
 * their own copies), so the predicate is checked once, on the row shown,
 * and not again for every message of the thread.
 */
const ownRecent = (m: string) => `${threadWalk.messageAt(m)} >= $4::timestamptz
    AND ${threadWalk.rowByRow(`EXISTS (SELECT 1 FROM message_decisions od JOIN mailboxes ob ON ob.id = od.mailbox_id
                WHERE od.message_id = ${m}.id AND ob.owner_id = $1::uuid)`)}`;

/**
 * The sales inbox and the one write it offers. A thread's column, over the
 * reader's own copies in the window: `crm` when any of its messages is
 * filed on a record; else `unknown` when one of the reader's mailboxes
 * judged a message `no_crm_participant`; else `colleagues` when one was
 * `internal`; else `noise` (automatic mail, bulk, bounces, blocked senders).
 */
export function salesInboxRepository(db: Queryable) {
  return {
    /**
     * One row per thread of the reader's own mail (a decision row in a
     * mailbox they own) sent since `since`, newest first, after the
     * `(at, threadId)` cursor; only the asked columns. Parameters after the
     * reader's: `$4` since, `$5` columns, `$6..$7` cursor, `$8` limit.
     *
     * The walk visits the reader's messages newest first and keeps each
     * thread's newest; a kept thread's column is read from its own messages
     * (by the thread index), so a page reads its threads and nothing else.
     */
    async threads(
      reader: ReaderParams,
      query: {
        since: Date;
        columns: readonly InboxColumn[];
        after: { at: string; threadId: string } | null;
        limit: number;
      },
      signal?: AbortSignal,
    ): Promise<InboxThreadRow[]> {
      return db.query<InboxThreadRow>(
        `WITH ${readerCte},
         page AS (
           SELECT m.id, m.thread_id, m.subject, ${threadWalk.messageAt('m')} AS last_at, t.ids, t.n, v.via, v."column"
           FROM messages m
           CROSS JOIN LATERAL (
             SELECT array_agg(DISTINCT x.id) AS ids, count(DISTINCT x.id)::int AS n,
               bool_or(d.category = 'no_crm_participant') AS unknown, bool_or(d.category = 'internal') AS internal
             FROM messages x
             JOIN message_decisions d ON d.message_id = x.id
             JOIN mailboxes mb ON mb.id = d.mailbox_id AND mb.owner_id = $1::uuid
             WHERE x.thread_id = m.thread_id AND ${threadWalk.messageAt('x')} >= $4::timestamptz) AS t
           CROSS JOIN LATERAL (
             SELECT c.via, CASE WHEN c.via IS NOT NULL THEN 'crm' WHEN t.unknown THEN 'unknown'
                 WHEN t.internal THEN 'colleagues' ELSE 'noise' END AS "column"
             FROM (SELECT (SELECT l.record_type FROM message_links l WHERE l.message_id = ANY(t.ids)
                           ORDER BY ${viaRank} LIMIT 1) AS via) AS c) AS v
           WHERE ${threadWalk.afterThreadCursor('m', '$6', '$7')} AND ${ownRecent('m')}
             AND ${threadWalk.rowByRow(messageVisibleTo('m'))} AND ${threadWalk.newestOfThread('m', ownRecent)}
             AND v."column" = ANY($5::text[])
           ORDER BY ${threadWalk.messageAt('m')} DESC, m.thread_id DESC
           LIMIT $8),
         -- The other side: the newest inbound message's sender, else the first
         -- recipient of the newest message who is not the reader.
         sides AS (
           SELECT p.thread_id, (
             SELECT CASE WHEN NOT x.outbound THEN x.envelope->'from'->0
               ELSE (SELECT e FROM jsonb_array_elements(coalesce(x.envelope->'to', '[]')) e
                     WHERE NOT (lower(e->>'address') = ANY($3::text[])) LIMIT 1) END
             FROM (SELECT y.envelope, ${threadWalk.messageAt('y')} AS at,
                     coalesce(y.from_address = ANY($3::text[]), false) AS outbound
                   FROM messages y WHERE y.id = ANY(p.ids)) AS x
             ORDER BY x.outbound, x.at DESC LIMIT 1) AS side
           FROM page p)
         SELECT p.thread_id AS "threadId", p.id AS "messageId", p."column", p.via, p.subject, p.last_at AS "lastAt",
           p.n AS "messageCount", p.last_at::text AS "cursorAt",
           CASE WHEN s.side IS NULL THEN NULL ELSE jsonb_build_object(
             'address', lower(s.side->>'address'), 'name', nullif(s.side->>'name', '')) END AS counterpart,
           (SELECT jsonb_build_object('id', ld.id, 'name', trim(ld.first_name || ' ' || ld.last_name))
            FROM lead_emails le JOIN leads ld ON ld.id = le.lead_id
            WHERE le.address = lower(s.side->>'address') ORDER BY ld.created_at LIMIT 1) AS "counterpartLead",
           (SELECT coalesce(jsonb_agg(jsonb_build_object('type', b.record_type, 'id', b.record_id,
                'name', ${recordName('b.record_type', 'b.record_id')}, 'reason', b.reason)
                ORDER BY b.rank, b.record_id), '[]')
            FROM (SELECT DISTINCT ON (l.record_type, l.record_id) l.record_type, l.record_id, l.reason,
                    ${viaRank} AS rank
                  FROM message_links l WHERE l.message_id = ANY(p.ids)
                  ORDER BY l.record_type, l.record_id, l.confidence DESC, l.reason) AS b) AS links
         FROM page p JOIN sides s ON s.thread_id = p.thread_id
         ORDER BY p.last_at DESC, p.thread_id DESC`,
        [
          ...readerParams(reader),
          query.since,
          [...query.columns],
          ...threadWalk.threadCursorParams(query.after),
          query.limit,
        ],
        { signal },
      );
    },

    /** Whether an active contact or lead already has this (normalised) address. */
    async addressOwner(address: string): Promise<{ type: 'contact' | 'lead'; id: string } | null> {
      const [row] = await db.query<{ type: 'contact' | 'lead'; id: string }>(
        `SELECT 'contact' AS type, e.contact_id AS id FROM contact_emails e
           JOIN contacts c ON c.id = e.contact_id WHERE e.address = $1 AND c.archived_at IS NULL
         UNION ALL
         SELECT 'lead', e.lead_id FROM lead_emails e
           JOIN leads l ON l.id = e.lead_id WHERE e.address = $1 AND l.archived_at IS NULL
         LIMIT 1`,
        [address],
      );
      return row ?? null;
    },

    /** A new lead owned by `ownerId` with one address. */
    async createLead(lead: {
      address: string;
      firstName: string;
      lastName: string;
      company: string;
      ownerId: string;
    }) {
      const [row] = await db.query<{
        id: string;
        firstName: string;
        lastName: string;
        company: string;
        status: string;
        ownerId: string;
        createdAt: Date;
      }>(
        `WITH created AS (
           INSERT INTO leads (first_name, last_name, company, owner_id)
           VALUES ($1, $2, $3, $4)
           RETURNING id, first_name, last_name, company, status, owner_id, created_at),
         address AS (
           INSERT INTO lead_emails (lead_id, address, position) SELECT id, $5, 0 FROM created)
         SELECT id, first_name AS "firstName", last_name AS "lastName", company, status,
           owner_id AS "ownerId", created_at AS "createdAt"
         FROM created`,
        [lead.firstName, lead.lastName, lead.company, lead.ownerId, lead.address],
      );
      return row!;
    },
  };
}
