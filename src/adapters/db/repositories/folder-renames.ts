import type { Queryable } from '../database.js';

/** A folder the server now lists under another name, followed in the store. */
export function folderRenamesRepository(db: Queryable) {
  return {
    /**
     * Moves the folder's checkpoint, state and message locations to its new
     * path, and puts the new path in the owner's folder choice in place of
     * the old. `to` must not be stored yet.
     */
    async follow(mailboxId: string, from: string, to: string): Promise<void> {
      await db.query(
        `WITH folder AS (
           UPDATE mail_folders SET path = $3 WHERE mailbox_id = $1 AND path = $2 RETURNING 1
         ), locations AS (
           UPDATE message_locations SET folder_path = $3
           WHERE mailbox_id = $1 AND folder_path = $2 RETURNING 1
         )
         UPDATE mailboxes SET folder_choice = (
           SELECT jsonb_agg(CASE WHEN chosen = $2 THEN $3 ELSE chosen END ORDER BY n)
           FROM jsonb_array_elements_text(folder_choice) WITH ORDINALITY AS c(chosen, n)
         )
         WHERE id = $1 AND jsonb_typeof(folder_choice) = 'array' AND folder_choice ? $2`,
        [mailboxId, from, to],
      );
    },
  };
}
