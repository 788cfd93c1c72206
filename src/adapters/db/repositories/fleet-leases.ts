import { deadWorker } from './sync-workers.js';
import type { Queryable } from '../database.js';

/** IMAP mailboxes a worker may hold: connected and not paused. */
const liveMailbox = `kind = 'imap' AND paused_at IS NULL AND disconnected_at IS NULL`;

/**
 * Mailboxes held by sync workers through their lease columns. A worker holds
 * a mailbox while the lease names it and has not expired; it renews all its
 * leases at each heartbeat. Expiry uses the database's clock.
 */
export function fleetLeasesRepository(db: Queryable) {
  return {
    async countLive(): Promise<number> {
      const rows = await db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM mailboxes WHERE ${liveMailbox}`,
      );
      return rows[0]?.count ?? 0;
    },

    /** Renews every lease the worker still holds, and says which mailboxes those are. */
    async renewAll(worker: string, seconds: number): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        `UPDATE mailboxes SET lease_expires_at = now() + make_interval(secs => $2)
         WHERE lease_owner = $1 AND lease_expires_at > now() AND ${liveMailbox} RETURNING id`,
        [worker, seconds],
      );
      return rows.map((row) => row.id);
    },

    /** Renews the worker's own unexpired lease on the mailbox; false when it holds none. */
    async renewOwnLease(id: string, worker: string, seconds: number): Promise<boolean> {
      const rows = await db.query(
        `UPDATE mailboxes SET lease_expires_at = now() + make_interval(secs => $3)
         WHERE id = $1 AND lease_owner = $2 AND lease_expires_at > now() RETURNING id`,
        [id, worker, seconds],
      );
      return rows.length > 0;
    },
    /**
     * Takes up to `count` mailboxes nobody holds: never leased, lease
     * expired, or held by a worker known dead (see `deadWorker`). Rows
     * another worker is taking at the same moment are skipped, so two
     * workers never take one mailbox.
     */
    async claimFree(
      worker: string,
      count: number,
      lease: { seconds: number; deadAfterSeconds: number },
    ): Promise<string[]> {
      if (count <= 0) return [];
      const rows = await db.query<{ id: string }>(
        `UPDATE mailboxes SET lease_owner = $1, lease_expires_at = now() + make_interval(secs => $3)
         WHERE id IN (
           SELECT id FROM mailboxes
           WHERE ${liveMailbox} AND (lease_owner IS NULL OR lease_expires_at < now()
             OR lease_owner IN (SELECT name FROM sync_workers WHERE ${deadWorker('$4')}))
           ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [worker, count, lease.seconds, lease.deadAfterSeconds],
      );
      return rows.map((row) => row.id);
    },

    /** Lets go of the given mailboxes, those the worker still holds. */
    async release(worker: string, ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await db.query(
        `UPDATE mailboxes SET lease_owner = NULL, lease_expires_at = NULL
         WHERE lease_owner = $1 AND id = ANY($2::uuid[])`,
        [worker, ids],
      );
    },

    /**
     * Asks the worker holding the mailbox for a pass, and names it; null when
     * no live worker holds the mailbox (none took it yet, or its holder is
     * known dead), and nothing is asked.
     */
    async requestPass(id: string, deadAfterSeconds: number): Promise<string | null> {
      const rows = await db.query<{ holder: string }>(
        `UPDATE mailboxes SET sync_requested_at = now()
         WHERE id = $1 AND ${liveMailbox} AND lease_expires_at > now()
           AND lease_owner IN (SELECT name FROM sync_workers WHERE NOT ${deadWorker('$2')})
         RETURNING lease_owner AS holder`,
        [id, deadAfterSeconds],
      );
      return rows[0]?.holder ?? null;
    },

    /** The mailboxes the worker holds that a pass was asked for; each request is handed out once. */
    async takeRequestedPasses(worker: string): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        `UPDATE mailboxes SET sync_requested_at = NULL
         WHERE lease_owner = $1 AND sync_requested_at IS NOT NULL RETURNING id`,
        [worker],
      );
      return rows.map((row) => row.id);
    },

    /**
     * Every IMAP mailbox with its holder (null when none holds it), its
     * state and its oldest selected folder's last success, for fleet health.
     */
    async withHolders(): Promise<MailboxHolding[]> {
      return db.query<MailboxHolding>(
        `SELECT m.id, m.label, u.email AS "ownerEmail", m.state, m.state_code AS "stateCode",
           CASE WHEN m.lease_expires_at > now() THEN m.lease_owner END AS holder,
           (SELECT min(f.last_success_at) FROM mail_folders f
            WHERE f.mailbox_id = m.id AND f.selected) AS "lastSuccessAt"
         FROM mailboxes m JOIN users u ON u.id = m.owner_id
         WHERE m.kind = 'imap' ORDER BY u.email, m.label`,
      );
    },
  };
}

/** An IMAP mailbox as fleet health shows it. */
export interface MailboxHolding {
  id: string;
  label: string;
  ownerEmail: string;
  state: string;
  stateCode: string | null;
  holder: string | null;
  lastSuccessAt: Date | null;
}
