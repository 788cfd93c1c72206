import type { Queryable } from '../database.js';

/** Notices shown to a user about one of their mailboxes, such as a finished back-fill. */
export function noticesRepository(db: Queryable) {
  return {
    async add(notice: {
      userId: string;
      mailboxId: string;
      kind: string;
      text: string;
    }): Promise<void> {
      await db.query(
        'INSERT INTO notices (user_id, mailbox_id, kind, text) VALUES ($1, $2, $3, $4)',
        [notice.userId, notice.mailboxId, notice.kind, notice.text],
      );
    },
  };
}
