import type { SyncState } from '../../../core/sync/health.js';
import type { Queryable, Statement } from '../database.js';

export interface MailboxRow {
  id: string;
  ownerId: string;
  ownerEmail: string;
  label: string;
  kind: 'imap' | 'import';
  imap: Record<string, unknown> | null;
  smtp: Record<string, unknown> | null;
  credentials: string | null;
  folderChoice: string[] | null;
  activityWindowDays: number;
  statsWindowDays: number;
  dataScope: 'full' | 'no_attachments' | 'metadata';
  captureMode: 'auto' | 'review';
  createContacts: boolean;
  state: SyncState;
  stateCode: string | null;
  stateMessage: string | null;
  attempt: number;
  lastSuccessAt: Date | null;
  backfillDoneAt: Date | null;
  pausedAt: Date | null;
  disconnectedAt: Date | null;
}

/** The settings an owner may change after connecting. */
export interface MailboxSettings {
  label: string;
  folderChoice: string[] | null;
  activityWindowDays: number;
  statsWindowDays: number;
  dataScope: 'full' | 'no_attachments' | 'metadata';
  captureMode: 'auto' | 'review';
  createContacts: boolean;
}

export interface FolderRow {
  mailboxId: string;
  path: string;
  specialUse: string | null;
  selected: boolean;
  uidValidity: number | null;
  lastUid: number;
  highestModseq: string | null;
  serverCount: number | null;
  state: SyncState;
  stateCode: string | null;
  stateMessage: string | null;
  attempt: number;
  lastSuccessAt: Date | null;
}

const mailboxColumns = `m.id, m.owner_id AS "ownerId", (SELECT u.email FROM users u WHERE u.id = m.owner_id) AS "ownerEmail",
  m.label, m.kind, m.imap, m.smtp, m.credentials, m.folder_choice AS "folderChoice",
  m.activity_window_days AS "activityWindowDays", m.stats_window_days AS "statsWindowDays",
  m.data_scope AS "dataScope", m.capture_mode AS "captureMode", m.create_contacts AS "createContacts",
  m.state, m.state_code AS "stateCode", m.state_message AS "stateMessage", m.attempt,
  m.last_success_at AS "lastSuccessAt", m.backfill_done_at AS "backfillDoneAt",
  m.paused_at AS "pausedAt", m.disconnected_at AS "disconnectedAt"`;

const folderColumns = `mailbox_id AS "mailboxId", path, special_use AS "specialUse", selected,
  uid_validity AS "uidValidity", last_uid AS "lastUid", highest_modseq AS "highestModseq",
  server_count AS "serverCount", state, state_code AS "stateCode", state_message AS "stateMessage",
  attempt, last_success_at AS "lastSuccessAt"`;

export function mailboxesRepository(db: Queryable) {
  return {
    async insert(mailbox: {
      ownerId: string;
      label: string;
      kind: 'imap' | 'import';
      imap: object | null;
      smtp: object | null;
      credentials: string | null;
      folderChoice: string[] | null;
      activityWindowDays: number;
      statsWindowDays: number;
      dataScope: string;
      captureMode: string;
      createContacts: boolean;
    }): Promise<string> {
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO mailboxes (owner_id, label, kind, imap, smtp, credentials, folder_choice,
           activity_window_days, stats_window_days, data_scope, capture_mode, create_contacts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          mailbox.ownerId,
          mailbox.label,
          mailbox.kind,
          mailbox.imap,
          mailbox.smtp,
          mailbox.credentials,
          mailbox.folderChoice ? JSON.stringify(mailbox.folderChoice) : null,
          mailbox.activityWindowDays,
          mailbox.statsWindowDays,
          mailbox.dataScope,
          mailbox.captureMode,
          mailbox.createContacts,
        ],
      );
      return row!.id;
    },
    async findById(id: string): Promise<MailboxRow | null> {
      const [row] = await db.query<MailboxRow>(
        `SELECT ${mailboxColumns} FROM mailboxes m WHERE m.id = $1`,
        [id],
      );
      return row ?? null;
    },
    async findByLabel(ownerId: string, label: string): Promise<MailboxRow | null> {
      const [row] = await db.query<MailboxRow>(
        `SELECT ${mailboxColumns} FROM mailboxes m WHERE m.owner_id = $1 AND m.label = $2`,
        [ownerId, label],
      );
      return row ?? null;
    },
    async list(ownerId: string | null): Promise<MailboxRow[]> {
      return db.query<MailboxRow>(
        `SELECT ${mailboxColumns} FROM mailboxes m
         WHERE ($1::uuid IS NULL OR m.owner_id = $1) AND m.disconnected_at IS NULL ORDER BY m.created_at`,
        [ownerId],
      );
    },
    async updateSettings(id: string, settings: MailboxSettings): Promise<void> {
      await db.query(
        `UPDATE mailboxes SET label = $2, folder_choice = $3, activity_window_days = $4,
           stats_window_days = $5, data_scope = $6, capture_mode = $7, create_contacts = $8
         WHERE id = $1`,
        [
          id,
          settings.label,
          settings.folderChoice ? JSON.stringify(settings.folderChoice) : null,
          settings.activityWindowDays,
          settings.statsWindowDays,
          settings.dataScope,
          settings.captureMode,
          settings.createContacts,
        ],
      );
    },
    /** New sealed credentials, and a state that lets the next pass try them at once. */
    async replaceCredentials(id: string, credentials: string, imap: object): Promise<void> {
      await db.query(
        `UPDATE mailboxes SET credentials = $2, imap = $3, state = 'connecting', state_code = NULL,
           state_message = NULL, attempt = 0 WHERE id = $1`,
        [id, credentials, imap],
      );
    },
    async setPaused(id: string, at: Date | null): Promise<void> {
      await db.query('UPDATE mailboxes SET paused_at = $2 WHERE id = $1', [id, at]);
    },
    /**
     * Keeps the row (the captured copies' decisions hang on it) without
     * credentials or server positions; its label is freed for a new mailbox.
     */
    async markDisconnected(id: string, at: Date): Promise<void> {
      await db.query(
        `UPDATE mailboxes SET disconnected_at = $2, credentials = NULL, paused_at = NULL,
           label = label || ' (disconnected ' || to_char($2 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') || ')'
         WHERE id = $1`,
        [id, at],
      );
      await db.query('DELETE FROM message_locations WHERE mailbox_id = $1', [id]);
      await db.query('DELETE FROM mail_folders WHERE mailbox_id = $1', [id]);
    },
    async delete(id: string): Promise<void> {
      await db.query('DELETE FROM mailboxes WHERE id = $1', [id]);
    },
    /**
     * Deletes the messages of which this mailbox holds the only copy; returns
     * their threads and attachment hashes for the clean-up after.
     */
    async deleteMessagesOnlyIn(
      id: string,
    ): Promise<{ messages: number; threads: string[]; hashes: string[] }> {
      const rows = await db.query<{ threadId: string; hashes: string[] | null }>(
        `DELETE FROM messages m WHERE EXISTS (SELECT 1 FROM message_decisions d WHERE d.message_id = m.id AND d.mailbox_id = $1)
           AND NOT EXISTS (SELECT 1 FROM message_decisions d WHERE d.message_id = m.id AND d.mailbox_id <> $1)
         RETURNING m.thread_id AS "threadId",
           (SELECT array_agg(a.sha256) FROM message_attachments a WHERE a.message_id = m.id AND a.sha256 IS NOT NULL) AS hashes`,
        [id],
      );
      return {
        messages: rows.length,
        threads: [...new Set(rows.map((row) => row.threadId))],
        hashes: [...new Set(rows.flatMap((row) => row.hashes ?? []))],
      };
    },
    /** Selects the folders of the choice and no others; null (the server's defaults) leaves them as they are. */
    async applyFolderChoice(id: string, choice: string[] | null): Promise<void> {
      if (choice === null) return;
      await db.query('UPDATE mail_folders SET selected = (path = ANY($2)) WHERE mailbox_id = $1', [
        id,
        choice,
      ]);
    },
    /**
     * Every folder is read from its start at the next pass, within the
     * mailbox's window: mail already stored is recognised, older mail is added.
     */
    async rereadFolders(id: string): Promise<void> {
      await db.query(
        `UPDATE mail_folders SET uid_validity = NULL, last_uid = 0, highest_modseq = NULL
         WHERE mailbox_id = $1`,
        [id],
      );
    },
    async setState(
      id: string,
      state: {
        state: SyncState;
        code: string | null;
        message: string | null;
        attempt: number;
        succeededAt: Date | null;
      },
    ): Promise<void> {
      await db.query(
        `UPDATE mailboxes SET state = $2, state_code = $3, state_message = $4, attempt = $5,
           last_success_at = coalesce($6, last_success_at) WHERE id = $1`,
        [id, state.state, state.code, state.message, state.attempt, state.succeededAt],
      );
    },
    /** Pauses every mailbox of the owner: sync skips them, their mail stays. */
    async pauseAllOf(ownerId: string, at: Date): Promise<void> {
      await db.query(
        `UPDATE mailboxes SET paused_at = $2
         WHERE owner_id = $1 AND paused_at IS NULL AND disconnected_at IS NULL`,
        [ownerId, at],
      );
    },
    /** Hands the owner's paused mailboxes back to sync, which connects them on its next poll. */
    async resumeAllOf(ownerId: string): Promise<void> {
      await db.query('UPDATE mailboxes SET paused_at = NULL WHERE owner_id = $1', [ownerId]);
    },
    /** Marks back-fill finished once; true only the first time, so the notice is sent once. */
    async markBackfillDone(id: string, at: Date): Promise<boolean> {
      const rows = await db.query(
        'UPDATE mailboxes SET backfill_done_at = $2 WHERE id = $1 AND backfill_done_at IS NULL RETURNING id',
        [id, at],
      );
      return rows.length > 0;
    },
    /**
     * Claims or renews the mailbox's lease for a worker. Expiry uses the
     * database's clock so workers on machines with skewed clocks agree.
     */
    async claimLease(id: string, worker: string, seconds: number): Promise<boolean> {
      const rows = await db.query(
        `UPDATE mailboxes SET lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3)
         WHERE id = $1 AND (lease_owner IS NULL OR lease_owner = $2 OR lease_expires_at < now()) RETURNING id`,
        [id, worker, seconds],
      );
      return rows.length > 0;
    },
    /** Who holds the mailbox's unexpired lease, if anyone. */
    async leaseOwner(id: string): Promise<string | null> {
      const rows = await db.query<{ owner: string }>(
        'SELECT lease_owner AS owner FROM mailboxes WHERE id = $1 AND lease_expires_at > now()',
        [id],
      );
      return rows[0]?.owner ?? null;
    },
    /** Hands the lease from `holder` to `worker`, if `holder` still has it. */
    async takeOverLease(
      id: string,
      holder: string,
      worker: string,
      seconds: number,
    ): Promise<boolean> {
      const rows = await db.query(
        `UPDATE mailboxes SET lease_owner = $3, lease_expires_at = now() + make_interval(secs => $4)
         WHERE id = $1 AND lease_owner = $2 RETURNING id`,
        [id, holder, worker, seconds],
      );
      return rows.length > 0;
    },
    async releaseLease(id: string, worker: string): Promise<void> {
      await db.query(
        'UPDATE mailboxes SET lease_owner = NULL, lease_expires_at = NULL WHERE id = $1 AND lease_owner = $2',
        [id, worker],
      );
    },
    async folders(mailboxId: string): Promise<FolderRow[]> {
      return db.query<FolderRow>(
        `SELECT ${folderColumns} FROM mail_folders WHERE mailbox_id = $1 ORDER BY path`,
        [mailboxId],
      );
    },
    async upsertFolder(folder: {
      mailboxId: string;
      path: string;
      specialUse: string | null;
      selected: boolean;
    }) {
      await db.query(
        `INSERT INTO mail_folders (mailbox_id, path, special_use, selected) VALUES ($1, $2, $3, $4)
         ON CONFLICT (mailbox_id, path) DO UPDATE SET special_use = EXCLUDED.special_use`,
        [folder.mailboxId, folder.path, folder.specialUse, folder.selected],
      );
    },
    /** Moves a folder's checkpoint; see `checkpointStatement`. */
    async saveCheckpoint(checkpoint: FolderCheckpoint): Promise<void> {
      const { sql, params } = checkpointStatement(checkpoint);
      await db.query(sql, params);
    },
    async setFolderState(
      mailboxId: string,
      path: string,
      state: {
        state: SyncState;
        code: string | null;
        message: string | null;
        attempt: number;
        succeededAt: Date | null;
      },
    ): Promise<void> {
      await db.query(
        `UPDATE mail_folders SET state = $3, state_code = $4, state_message = $5, attempt = $6,
           last_success_at = coalesce($7, last_success_at) WHERE mailbox_id = $1 AND path = $2`,
        [mailboxId, path, state.state, state.code, state.message, state.attempt, state.succeededAt],
      );
    },
    /**
     * Per folder: the messages it holds now, by outcome, for the health view
     * (a location deleted on the server, or left by a UIDVALIDITY change, is not held).
     */
    async folderCounts(
      mailboxId: string,
    ): Promise<{ path: string; captured: number; ignored: number; failed: number }[]> {
      return db.query(
        `SELECT f.path,
           (SELECT count(*) FROM message_locations l JOIN message_decisions d ON d.message_id = l.message_id AND d.mailbox_id = l.mailbox_id
             WHERE l.mailbox_id = f.mailbox_id AND l.folder_path = f.path AND l.deleted_at IS NULL AND d.captured) AS captured,
           (SELECT count(*) FROM message_locations l JOIN message_decisions d ON d.message_id = l.message_id AND d.mailbox_id = l.mailbox_id
             WHERE l.mailbox_id = f.mailbox_id AND l.folder_path = f.path AND l.deleted_at IS NULL AND NOT d.captured) AS ignored,
           (SELECT count(*) FROM quarantine q WHERE q.mailbox_id = f.mailbox_id AND starts_with(q.source, f.path || ':')) AS failed
         FROM mail_folders f WHERE f.mailbox_id = $1 ORDER BY f.path`,
        [mailboxId],
      );
    },
  };
}

export interface FolderCheckpoint {
  mailboxId: string;
  path: string;
  uidValidity: number;
  lastUid: number;
  /**
   * Every flag change and deletion up to this MODSEQ is applied to the
   * messages up to `lastUid`: the next pass follows changes from here. Null
   * when no such point is known (the next pass then compares every flag).
   */
  highestModseq: string | null;
  /** The messages the server holds, or how many a batch adds to the count stored. */
  serverCount: number | null | { readonly plus: number };
  lease?: { owner: string; seconds: number };
}

/**
 * Moves a folder's checkpoint; callers send it with the statements that
 * stored the messages. With `lease`, it moves only while that worker still
 * holds the mailbox's lease, which it renews in the same statement (no round
 * trip of its own between batches), and fails otherwise with SQLSTATE
 * `leaseLostCode`, rolling back all sent with it: a worker that lost its
 * lease never writes.
 */
export function checkpointStatement(checkpoint: FolderCheckpoint): Statement {
  const count = checkpoint.serverCount;
  const added = typeof count === 'object' && count !== null;
  return {
    // Data-modifying CTEs run to completion whatever the query reads of them,
    // and a SELECT without FROM gives one row: the lease is checked exactly once.
    sql: `WITH renewed AS (
            UPDATE mailboxes SET lease_expires_at = now() + make_interval(secs => $8::float8)
            WHERE id = $1 AND lease_owner = $7::text RETURNING id),
          moved AS (
            UPDATE mail_folders SET uid_validity = $3, last_uid = $4, highest_modseq = $5,
              server_count = CASE WHEN $9::boolean THEN server_count + $6::int ELSE $6::int END
            WHERE mailbox_id = $1 AND path = $2 AND ($7::text IS NULL OR EXISTS (SELECT 1 FROM renewed))
            RETURNING path)
          SELECT require_lease($7::text IS NULL OR EXISTS (SELECT 1 FROM renewed)) AS held`,
    params: [
      checkpoint.mailboxId,
      checkpoint.path,
      checkpoint.uidValidity,
      checkpoint.lastUid,
      checkpoint.highestModseq,
      added ? count.plus : count,
      checkpoint.lease?.owner ?? null,
      checkpoint.lease?.seconds ?? null,
      added,
    ],
  };
}
