import type { Queryable } from '../database.js';

export interface MessageTemplateRow {
  id: string;
  ownerId: string;
  ownerName: string;
  shared: boolean;
  name: string;
  subject: string;
  text: string;
  html: string | null;
  updatedAt: Date;
}

export interface MessageTemplateFields {
  shared: boolean;
  name: string;
  subject: string;
  text: string;
  html: string | null;
}

const columns = `t.id, t.owner_id AS "ownerId", coalesce(nullif(u.name, ''), u.email) AS "ownerName",
  t.shared, t.name, t.subject, t.text_body AS text, t.html_body AS html, t.updated_at AS "updatedAt"`;
const fromTemplates = `message_templates t JOIN users u ON u.id = t.owner_id`;

/** Message templates, personal and shared. Each method is one query. */
export function messageTemplatesRepository(db: Queryable) {
  return {
    /** The user's own templates and everyone's shared ones, by name. */
    async visibleTo(userId: string): Promise<MessageTemplateRow[]> {
      return db.query<MessageTemplateRow>(
        `SELECT ${columns} FROM ${fromTemplates} WHERE t.owner_id = $1 OR t.shared
         ORDER BY lower(t.name), t.id`,
        [userId],
      );
    },
    async find(id: string): Promise<MessageTemplateRow | null> {
      const [row] = await db.query<MessageTemplateRow>(
        `SELECT ${columns} FROM ${fromTemplates} WHERE t.id = $1`,
        [id],
      );
      return row ?? null;
    },
    async create(ownerId: string, fields: MessageTemplateFields): Promise<string> {
      const [row] = await db.query<{ id: string }>(
        `INSERT INTO message_templates (owner_id, shared, name, subject, text_body, html_body)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [ownerId, fields.shared, fields.name, fields.subject, fields.text, fields.html],
      );
      return row!.id;
    },
    async update(id: string, fields: MessageTemplateFields): Promise<void> {
      await db.query(
        `UPDATE message_templates SET shared = $2, name = $3, subject = $4, text_body = $5,
           html_body = $6, updated_at = now() WHERE id = $1`,
        [id, fields.shared, fields.name, fields.subject, fields.text, fields.html],
      );
    },
    async remove(id: string): Promise<void> {
      await db.query(`DELETE FROM message_templates WHERE id = $1`, [id]);
    },
  };
}
