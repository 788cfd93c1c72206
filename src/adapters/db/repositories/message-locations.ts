import type { Queryable } from '../database.js';

/** Where each stored message sits on the mail server, kept in step with flags and deletions. */
export function messageLocationsRepository(db: Queryable) {
  return {
    /** After a UIDVALIDITY change the folder's old UIDs mean nothing: their locations are marked gone. */
    async forgetOtherUidValidity(
      mailboxId: string,
      path: string,
      uidValidity: number,
    ): Promise<void> {
      await db.query(
        `UPDATE message_locations SET deleted_at = now()
         WHERE mailbox_id = $1 AND folder_path = $2 AND uid_validity <> $3 AND deleted_at IS NULL`,
        [mailboxId, path, uidValidity],
      );
    },
    /** Stores the flags given; a location whose flags are those already is not written. */
    async updateFlags(
      mailboxId: string,
      path: string,
      uidValidity: number,
      changes: readonly { uid: number; flags: readonly string[] }[],
    ): Promise<void> {
      if (changes.length === 0) return;
      await db.query(
        `UPDATE message_locations l SET flags = c.flags
         FROM (SELECT uid, ARRAY(SELECT jsonb_array_elements_text(flags)) AS flags
               FROM jsonb_to_recordset($4::jsonb) AS r(uid bigint, flags jsonb)) AS c
         WHERE l.mailbox_id = $1 AND l.folder_path = $2 AND l.uid_validity = $3 AND l.uid = c.uid
           AND l.flags IS DISTINCT FROM c.flags`,
        [mailboxId, path, uidValidity, JSON.stringify(changes)],
      );
    },
    /**
     * Marks locations whose UID the server no longer lists as deleted. The
     * message itself stays in the CRM: deleting mail from a mailbox does not
     * erase the customer history.
     */
    async markGone(
      mailboxId: string,
      path: string,
      uidValidity: number,
      uidsOnServer: readonly number[],
    ): Promise<number> {
      const rows = await db.query(
        `UPDATE message_locations SET deleted_at = now()
         WHERE mailbox_id = $1 AND folder_path = $2 AND uid_validity = $3 AND deleted_at IS NULL
           AND NOT (uid = ANY($4::bigint[]))
         RETURNING uid`,
        [mailboxId, path, uidValidity, uidsOnServer],
      );
      return rows.length;
    },
    /** Marks the locations of UIDs the server reported expunged (QRESYNC); returns how many. */
    async markVanished(
      mailboxId: string,
      path: string,
      uidValidity: number,
      vanished: readonly number[],
    ): Promise<number> {
      if (vanished.length === 0) return 0;
      const rows = await db.query(
        `UPDATE message_locations SET deleted_at = now()
         WHERE mailbox_id = $1 AND folder_path = $2 AND uid_validity = $3 AND deleted_at IS NULL
           AND uid = ANY($4::bigint[])
         RETURNING uid`,
        [mailboxId, path, uidValidity, vanished],
      );
      return rows.length;
    },
  };
}
