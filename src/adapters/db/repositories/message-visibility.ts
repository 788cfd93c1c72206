import type {
  DataScope,
  MessageCopy,
  SharingContext,
  SharingMode,
} from '../../../core/sharing/access.js';
import type { RecordKind } from '../../../core/records/record-kinds.js';
import type { Queryable } from '../database.js';

/**
 * Who reads, as query parameters. Every read of mail puts these three first,
 * so `$1` is the reader's id, `$2` whether they are an admin and `$3` their
 * addresses; the query's own parameters start at `$4`.
 */
export interface ReaderParams {
  readonly id: string;
  readonly isAdmin: boolean;
  readonly addresses: readonly string[];
}

export function readerParams(reader: ReaderParams): unknown[] {
  return [reader.id, reader.isAdmin, [...reader.addresses]];
}

/**
 * Start every read's WITH list with this: it gives `$1..$3` their types even
 * when the query's predicates happen not to use all three (PostgreSQL
 * refuses a parameter whose type it cannot infer).
 */
export const readerCte =
  'reader AS (SELECT $1::uuid AS id, $2::boolean AS is_admin, $3::text[] AS addresses)';

/** Users below the reader in the manager chain, whatever the depth. */
export const readerReports = `(WITH RECURSIVE reports(id) AS (
    SELECT u.id FROM users u WHERE u.manager_id = $1::uuid
    UNION
    SELECT u.id FROM users u JOIN reports r ON u.manager_id = r.id)
  SELECT id FROM reports)`;

/**
 * Whether the copy `d` (a message_decisions row, joined to its mailbox `mb`
 * and the owner's settings `s`) lets the reader see message `m`. The SQL
 * twin of `copyAllows` in core/sharing/access.ts; keep the two in step.
 */
function copyAllows(m: string): string {
  return `(mb.owner_id = $1::uuid OR ${breakGlassCovers(m)} OR (
    d.captured AND NOT d.held AND (${sentFromRecord(m)} OR (
    coalesce(s.mode, 'private') <> 'private'
    AND NOT EXISTS (
      SELECT 1 FROM unnest(${m}.participants) AS pa(address), unnest(s.excluded_domains) AS x(domain),
        LATERAL (SELECT substring(pa.address FROM '@([^@]*)$') AS domain) AS p
      WHERE p.domain = x.domain OR right(p.domain, length(x.domain) + 1) = '.' || x.domain)
    AND (s.mode = 'public' OR (s.mode = 'custom' AND (
      EXISTS (
        SELECT 1 FROM user_shares us
        WHERE us.owner_id = mb.owner_id AND (us.user_id = $1::uuid OR $2::boolean OR mb.owner_id IN ${readerReports}))
      OR EXISTS (
        SELECT 1 FROM record_shares rs
        JOIN message_links l ON l.record_type = rs.record_type AND l.record_id = rs.record_id
        WHERE l.message_id = ${m}.id AND rs.owner_id = mb.owner_id
          AND (rs.user_id = $1::uuid OR $2::boolean OR mb.owner_id IN ${readerReports}))
    )))))))`;
}

/**
 * The reader is an admin holding an unexpired break-glass grant for the
 * owner of copy `d`'s mailbox, covering message `m` or all of their mail.
 * The SQL twin of `holdsBreakGlass` in core/sharing/access.ts.
 */
function breakGlassCovers(m: string): string {
  return `($2::boolean AND EXISTS (
    SELECT 1 FROM break_glass_grants g
    WHERE g.admin_id = $1::uuid AND g.owner_id = mb.owner_id
      AND (g.whole_mailbox OR g.message_id = ${m}.id) AND g.expires_at > now()))`;
}

/**
 * The copy's owner wrote message `m` from a record in Threadline and it
 * went out: such mail is shared with everyone who can see the record,
 * whatever the owner's sharing mode. The SQL twin of `sentFromRecord` in
 * core/sharing/access.ts.
 */
export function sentFromRecord(m: string): string {
  return `EXISTS (
    SELECT 1 FROM outbox o
    WHERE o.message_id = ${m}.message_id AND o.sender_id = mb.owner_id
      AND o.state = 'sent' AND o.record_id IS NOT NULL)`;
}

function someCopy(m: string, condition: string): string {
  return `EXISTS (
    SELECT 1 FROM message_decisions d
    JOIN mailboxes mb ON mb.id = d.mailbox_id
    LEFT JOIN sharing_settings s ON s.user_id = mb.owner_id
    WHERE d.message_id = ${m}.id AND ${condition})`;
}

/**
 * The one enforcement point: a predicate on the messages row aliased `m`
 * that holds when the reader in `$1..$3` may see it. Every read of mail
 * (timelines, counts, search, the body) filters with it, so what one path
 * hides no other path reveals.
 */
export function messageVisibleTo(m: string): string {
  return someCopy(m, copyAllows(m));
}

/**
 * Holds when the reader may also open the body of message `m`: a copy that
 * shows it is not metadata-only and holds the body that was stored, or the
 * reader is among its participants. Implies `messageVisibleTo(m)`.
 */
export function messageBodyOpenTo(m: string): string {
  return `(${someCopy(m, `${copyAllows(m)} AND mb.data_scope <> 'metadata' AND ${copyHoldsBody(m)}`)}
    OR (${m}.participants && $3::text[] AND ${messageVisibleTo(m)}))`;
}

/**
 * The copy `d` held the body message `m` stored (or `m` stored none): a
 * copy decided by its headers alone, or one whose body differed, vouches
 * for nothing it did not hold.
 */
function copyHoldsBody(m: string): string {
  return `(${m}.body_sha256 IS NULL OR d.body_sha256 = ${m}.body_sha256)`;
}

/** Where a message lies on a mail server, for fetching its body when it is read. */
export interface MessageLocation {
  mailboxId: string;
  folderPath: string;
  uid: number;
}

/** Reads what the pure rules need about one message: its copies and their context. */
export function messageVisibilityRepository(db: Queryable) {
  return {
    /**
     * Where the message lies in mailboxes whose copy lets the reader see it,
     * the reader's own first: a body fetched live comes only from a copy
     * the reader may use, never from whichever mailbox happens to hold it.
     */
    async readableLocations(reader: ReaderParams, messageId: string): Promise<MessageLocation[]> {
      return db.query<MessageLocation>(
        `WITH ${readerCte}
         SELECT l.mailbox_id AS "mailboxId", l.folder_path AS "folderPath", l.uid
         FROM messages m
         JOIN message_decisions d ON d.message_id = m.id
         JOIN mailboxes mb ON mb.id = d.mailbox_id
         LEFT JOIN sharing_settings s ON s.user_id = mb.owner_id
         JOIN message_locations l ON l.message_id = m.id AND l.mailbox_id = mb.id
         JOIN mail_folders f ON f.mailbox_id = l.mailbox_id AND f.path = l.folder_path
           AND f.uid_validity = l.uid_validity
         WHERE m.id = $4 AND l.deleted_at IS NULL AND mb.kind = 'imap' AND ${copyAllows('m')}
         ORDER BY (mb.owner_id = $1::uuid) DESC, l.mailbox_id, l.folder_path LIMIT 3`,
        [...readerParams(reader), messageId],
      );
    },

    async copiesOf(messageId: string): Promise<MessageCopy[]> {
      const rows = await db.query<{
        ownerId: string;
        mode: SharingMode;
        excludedDomains: string[];
        dataScope: DataScope;
        captured: boolean;
        held: boolean;
        holdsBody: boolean;
        sentFromRecord: boolean;
      }>(
        `SELECT mb.owner_id AS "ownerId", coalesce(s.mode, 'private') AS mode,
           coalesce(s.excluded_domains, '{}') AS "excludedDomains", mb.data_scope AS "dataScope", d.captured, d.held,
           ${copyHoldsBody('m')} AS "holdsBody", ${sentFromRecord('m')} AS "sentFromRecord"
         FROM message_decisions d
         JOIN messages m ON m.id = d.message_id
         JOIN mailboxes mb ON mb.id = d.mailbox_id
         LEFT JOIN sharing_settings s ON s.user_id = mb.owner_id
         WHERE d.message_id = $1
         ORDER BY mb.id`,
        [messageId],
      );
      return rows.map((row) => ({
        ownerId: row.ownerId,
        sharing: { mode: row.mode, excludedDomains: row.excludedDomains },
        dataScope: row.dataScope,
        captured: row.captured,
        held: row.held,
        holdsBody: row.holdsBody,
        sentFromRecord: row.sentFromRecord,
      }));
    },

    async contextOf(messageId: string, ownerIds: readonly string[]): Promise<SharingContext> {
      const [row] = await db.query<{
        managers: { id: string; managerId: string | null }[];
        namedShares: { ownerId: string; userId: string }[];
        recordShares: { ownerId: string; type: RecordKind; id: string; userId: string }[];
        links: { type: RecordKind; id: string }[];
        participants: string[] | null;
        breakGlass: { adminId: string; ownerId: string }[];
      }>(
        `SELECT
           (SELECT coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'managerId', u.manager_id)), '[]')
            FROM users u) AS managers,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('ownerId', us.owner_id, 'userId', us.user_id)), '[]')
            FROM user_shares us WHERE us.owner_id = ANY($2::uuid[])) AS "namedShares",
           (SELECT coalesce(jsonb_agg(jsonb_build_object('ownerId', rs.owner_id, 'type', rs.record_type,
              'id', rs.record_id, 'userId', rs.user_id)), '[]')
            FROM record_shares rs WHERE rs.owner_id = ANY($2::uuid[])) AS "recordShares",
           (SELECT coalesce(jsonb_agg(jsonb_build_object('type', l.record_type, 'id', l.record_id)), '[]')
            FROM message_links l WHERE l.message_id = $1) AS links,
           (SELECT m.participants FROM messages m WHERE m.id = $1) AS participants,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('adminId', g.admin_id, 'ownerId', g.owner_id)), '[]')
            FROM break_glass_grants g WHERE g.owner_id = ANY($2::uuid[])
              AND (g.whole_mailbox OR g.message_id = $1) AND g.expires_at > now()) AS "breakGlass"`,
        [messageId, [...ownerIds]],
      );
      return {
        managerOf: new Map((row?.managers ?? []).map((u) => [u.id, u.managerId])),
        namedShares: row?.namedShares ?? [],
        recordShares: (row?.recordShares ?? []).map((s) => ({
          ownerId: s.ownerId,
          userId: s.userId,
          record: { type: s.type, id: s.id },
        })),
        links: row?.links ?? [],
        participants: row?.participants ?? [],
        breakGlass: row?.breakGlass ?? [],
      };
    },
  };
}
