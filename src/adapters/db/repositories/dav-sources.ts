import type { Queryable, Statement } from '../database.js';

export type DavKind = 'caldav' | 'carddav';

/** A connected calendar or address book, as the health view shows it (no secrets). */
export interface DavSourceRow {
  id: string;
  ownerId: string;
  kind: DavKind;
  label: string;
  url: string;
  username: string;
  /** The owner's mailbox whose OAuth grant it signs in with; null when it has a password. */
  mailboxId: string | null;
  state: 'connecting' | 'ok' | 'failing';
  stateCode: string | null;
  stateMessage: string | null;
  lastSyncAt: Date | null;
  lastSuccessAt: Date | null;
  serverCount: number | null;
  handledCount: number;
  failedCount: number;
}

/** What sync needs: the row, its sealed credentials and its checkpoint. */
export interface DavSourceForSync extends DavSourceRow {
  ownerEmail: string;
  credentials: string | null;
  syncToken: string | null;
  ctag: string | null;
  /** The newest contact card version the address book has caught up to (see `toWrite`). */
  cardsVersion: string;
}

/** What the last sync stored of one object. */
export interface DavObjectRow {
  href: string;
  etag: string;
  uid: string | null;
  contactId: string | null;
  base: unknown;
  error: string | null;
}

const sourceColumns = `id, owner_id AS "ownerId", kind, label, url, username,
  mailbox_id AS "mailboxId", state,
  state_code AS "stateCode", state_message AS "stateMessage", last_sync_at AS "lastSyncAt",
  last_success_at AS "lastSuccessAt", server_count AS "serverCount",
  handled_count AS "handledCount", failed_count AS "failedCount"`;

const objectColumns = `href, etag, uid, contact_id AS "contactId", base, error`;

export function davSourcesRepository(db: Queryable) {
  const objects = (sourceId: string): Promise<DavObjectRow[]> =>
    db.query<DavObjectRow>(`SELECT ${objectColumns} FROM dav_objects WHERE source_id = $1`, [
      sourceId,
    ]);
  const objectsAt = (sourceId: string, hrefs: readonly string[]): Promise<DavObjectRow[]> =>
    db.query<DavObjectRow>(
      `SELECT ${objectColumns} FROM dav_objects WHERE source_id = $1 AND href = ANY($2::text[])`,
      [sourceId, [...hrefs]],
    );
  return {
    async create(source: {
      ownerId: string;
      kind: DavKind;
      label: string;
      url: string;
      username: string;
      credentials: string | null;
      mailboxId: string | null;
    }): Promise<string> {
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO dav_sources (owner_id, kind, label, url, username, credentials, mailbox_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          source.ownerId,
          source.kind,
          source.label,
          source.url,
          source.username,
          source.credentials,
          source.mailboxId,
        ],
      );
      return row!.id;
    },

    /** The sources of one owner, or every source when `ownerId` is null. */
    list(ownerId: string | null): Promise<DavSourceRow[]> {
      return db.query<DavSourceRow>(
        `SELECT ${sourceColumns} FROM dav_sources
         WHERE $1::uuid IS NULL OR owner_id = $1 ORDER BY kind, label, id`,
        [ownerId],
      );
    },

    async forSync(id: string): Promise<DavSourceForSync | null> {
      const [row] = await db.query<DavSourceForSync>(
        `SELECT ${sourceColumns}, credentials, sync_token AS "syncToken", ctag,
           cards_version::text AS "cardsVersion",
           (SELECT email FROM users u WHERE u.id = owner_id) AS "ownerEmail"
         FROM dav_sources WHERE id = $1`,
        [id],
      );
      return row ?? null;
    },

    async remove(id: string): Promise<boolean> {
      const rows = await db.query('DELETE FROM dav_sources WHERE id = $1 RETURNING id', [id]);
      return rows.length > 0;
    },

    objects,
    objectsAt,

    /** What the last passes stored, read by href (the primary key) or whole. */
    stored(sourceId: string) {
      return {
        at: (hrefs: readonly string[]) => objectsAt(sourceId, hrefs),
        all: () => objects(sourceId),
        count: async () => {
          const [row] = await db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM dav_objects WHERE source_id = $1',
            [sourceId],
          );
          return row?.n ?? 0;
        },
      };
    },

    /** Counts as the health view shows them, from what is stored. */
    async counts(sourceId: string): Promise<{ handled: number; failed: number }> {
      const [row] = await db.query<{ handled: number; failed: number }>(
        `SELECT count(*) FILTER (WHERE error IS NULL)::int AS handled,
                count(*) FILTER (WHERE error IS NOT NULL)::int AS failed
         FROM dav_objects WHERE source_id = $1`,
        [sourceId],
      );
      return row ?? { handled: 0, failed: 0 };
    },

    async recordSuccess(
      id: string,
      outcome: {
        syncToken: string | null;
        ctag: string | null;
        serverCount: number;
        handled: number;
        failed: number;
        at: Date;
      },
    ): Promise<void> {
      await db.query(
        `UPDATE dav_sources SET sync_token = $2, ctag = $3, server_count = $4, handled_count = $5,
           failed_count = $6, last_sync_at = $7, last_success_at = $7, state = 'ok',
           state_code = NULL, state_message = NULL
         WHERE id = $1`,
        [
          id,
          outcome.syncToken,
          outcome.ctag,
          outcome.serverCount,
          outcome.handled,
          outcome.failed,
          outcome.at,
        ],
      );
    },

    async recordFailure(id: string, code: string, message: string, at: Date): Promise<void> {
      await db.query(
        `UPDATE dav_sources SET state = 'failing', state_code = $2, state_message = $3,
           last_sync_at = $4
         WHERE id = $1`,
        [id, code, message, at],
      );
    },
  };
}

/** Stores what a sync saw of one object. */
export function saveObjectStatement(
  sourceId: string,
  object: {
    href: string;
    etag: string;
    uid: string | null;
    contactId?: string | null;
    base?: unknown;
    error: string | null;
  },
): Statement {
  return {
    sql: `INSERT INTO dav_objects (source_id, href, etag, uid, contact_id, base, error)
          VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
          ON CONFLICT (source_id, href) DO UPDATE SET etag = EXCLUDED.etag, uid = EXCLUDED.uid,
            contact_id = EXCLUDED.contact_id, base = EXCLUDED.base, error = EXCLUDED.error`,
    params: [
      sourceId,
      object.href,
      object.etag,
      object.uid,
      object.contactId ?? null,
      object.base === undefined ? null : JSON.stringify(object.base),
      object.error,
    ],
  };
}

export function forgetObjectStatement(sourceId: string, href: string): Statement {
  return {
    sql: 'DELETE FROM dav_objects WHERE source_id = $1 AND href = $2',
    params: [sourceId, href],
  };
}
