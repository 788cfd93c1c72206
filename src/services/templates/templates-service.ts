import type { Database } from '../../adapters/db/database.js';
import {
  messageTemplatesRepository,
  type MessageTemplateFields,
  type MessageTemplateRow,
} from '../../adapters/db/repositories/message-templates.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { sanitizeOutgoingHtml } from '../../adapters/html/sanitize-outgoing-html.js';
import { ThreadlineError } from '../../core/errors.js';
import type { RecordKind } from '../../core/records/record-kinds.js';
import {
  problemsError,
  renderTemplate,
  templateProblems,
} from '../../core/templates/render-template.js';
import { recordMergeValues } from './record-merge-values.js';

export type { MessageTemplateRow, MessageTemplateFields };

type RecordRef = { type: RecordKind; id: string } | null;
type TemplateBody = Pick<MessageTemplateFields, 'subject' | 'text' | 'html'>;

/**
 * Templates with merge fields: saved only when every field is one we know,
 * applied to a record with every empty field named before anything is sent.
 */
export function createTemplatesService(deps: { database: Database }) {
  const templates = messageTemplatesRepository(deps.database);
  const visible = (user: UserRow, id: string) => visibleTemplate(deps.database, user, id);

  async function editable(user: UserRow, id: string): Promise<MessageTemplateRow> {
    const row = await visible(user, id);
    if (row.ownerId !== user.id && user.role !== 'admin') {
      throw new ThreadlineError('FORBIDDEN', `Only its owner or an admin may change "${row.name}"`);
    }
    return row;
  }

  function checked(fields: MessageTemplateFields): MessageTemplateFields {
    const problems = templateProblems({
      subject: fields.subject,
      text: fields.text,
      html: fields.html,
    });
    if (problems.length > 0) throw problemsError(problems);
    return fields;
  }

  async function render(user: UserRow, body: TemplateBody, record: RecordRef) {
    const filled = renderTemplate(body, await recordMergeValues(deps.database, user, record));
    return { ...filled, html: filled.html === null ? null : sanitizeOutgoingHtml(filled.html) };
  }

  return {
    list: (user: UserRow) => templates.visibleTo(user.id),

    get: visible,

    async create(user: UserRow, fields: MessageTemplateFields): Promise<MessageTemplateRow> {
      const id = await templates.create(user.id, checked(fields));
      return (await templates.find(id))!;
    },

    async update(user: UserRow, id: string, fields: MessageTemplateFields) {
      await editable(user, id);
      await templates.update(id, checked(fields));
      return (await templates.find(id))!;
    },

    async remove(user: UserRow, id: string): Promise<void> {
      await editable(user, id);
      await templates.remove(id);
    },

    /** A saved template filled from a record (and the sender): the preview and what compose uses. */
    async apply(user: UserRow, id: string, record: RecordRef) {
      return render(user, await visible(user, id), record);
    },

    /** A template being written, filled from a record before it is saved. */
    preview: render,
  };
}

export type TemplatesService = ReturnType<typeof createTemplatesService>;

/** A template the user may use: their own or a shared one. */
export async function visibleTemplate(
  database: Database,
  user: UserRow,
  id: string,
): Promise<MessageTemplateRow> {
  const row = await messageTemplatesRepository(database).find(id);
  // Someone else's personal template is answered like a missing one.
  if (!row || (!row.shared && row.ownerId !== user.id)) {
    throw new ThreadlineError('NOT_FOUND', `No template ${id}`);
  }
  return row;
}
