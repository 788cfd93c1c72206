import type { Database } from '../../adapters/db/database.js';
import { crmRecordsRepository } from '../../adapters/db/repositories/crm-records.js';
import {
  messageExportRepository,
  type ExportedMessageRow,
  type VisibleExportFilter,
} from '../../adapters/db/repositories/message-export.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { inThreadSanitizer, type HtmlSanitizer } from '../../adapters/html/sanitize-pool.js';
import { ThreadlineError } from '../../core/errors.js';
import {
  exportedSenderAuth,
  storedSenderAuth,
  type ExportedSenderAuth,
  type SenderAuth,
} from '../../core/sender-auth/verdict.js';
import type { AuditLog } from '../sharing/audit-log.js';
import { readerOf } from '../mail-reads/mail-reads-service.js';
import { createMessageHtml } from '../mail-reads/message-html.js';

export type { VisibleExportFilter };

/** One line of `threadline export messages --jsonl` (docs/export.md). */
export interface ExportedMessage {
  messageId: string | null;
  threadId: string;
  captured: boolean;
  category: string;
  reasons: string[];
  links: { type: string; externalId: string | null; reason: string; confidence: number }[];
  /**
   * Present when the message carries calendar objects: each as `threadline
   * meetings parse` prints it, without `file` and `messageId`.
   */
  meetings?: object[];
  /** Present once the sender was checked: the export contract's four fields. */
  senderAuth?: ExportedSenderAuth;
}

function exported(row: ExportedMessageRow): ExportedMessage {
  return {
    messageId: row.messageId,
    threadId: row.threadId,
    captured: row.captured,
    category: row.category,
    reasons: row.reasons,
    links: row.links,
    ...(row.meetings ? { meetings: row.meetings } : {}),
    ...senderAuthField(storedSenderAuth(row.senderAuth)),
  };
}

function senderAuthField(auth: SenderAuth | null): { senderAuth?: ExportedSenderAuth } {
  return auth ? { senderAuth: exportedSenderAuth(auth) } : {};
}

/**
 * Every message the system has seen, once per Message-ID, in a stable order,
 * page by page so memory stays flat. `ownerId` restricts to one user's
 * mailboxes and their own decision. Copies that share a Message-ID but not
 * their content are stored apart (their keys sort together) and are one
 * line here: captured when either is, with the links of both.
 */
export async function* exportMessages(
  database: Database,
  options: { ownerId: string | null; signal?: AbortSignal },
): AsyncGenerator<ExportedMessage> {
  const repository = messageExportRepository(database);
  let afterKey = '';
  let pending: ExportedMessage | null = null;
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await repository.page({ afterKey, limit: 1000, ownerId: options.ownerId });
    for (const row of page) {
      const next = exported(row);
      if (pending && pending.messageId !== null && pending.messageId === next.messageId) {
        pending = mergeCopies(pending, next);
        continue;
      }
      if (pending) yield pending;
      pending = next;
    }
    if (page.length < 1000) break;
    afterKey = page[page.length - 1]!.key;
  }
  if (pending) yield pending;
}

/** One line for two stored messages with one Message-ID: the captured one's verdict, both's links. */
function mergeCopies(first: ExportedMessage, second: ExportedMessage): ExportedMessage {
  const [lead, other] = second.captured && !first.captured ? [second, first] : [first, second];
  const links = [...lead.links];
  for (const link of other.links) {
    if (!links.some((l) => l.type === link.type && l.externalId === link.externalId)) {
      links.push(link);
    }
  }
  return { ...lead, links };
}

/**
 * One line of `GET /api/export/messages`: the operator export's fields plus
 * what the reader sees of the message. `text` and `html` (sanitised, remote
 * images held back) are null unless `bodyOpen`; `html` is null too when the
 * HTML body is too large to show. `captured`, `category` and `reasons` are
 * the organisation's view.
 */
export interface ReaderExportedMessage extends ExportedMessage {
  subject: string;
  sentAt: string | null;
  from: string | null;
  participants: string[];
  bodyOpen: boolean;
  text: string | null;
  html: string | null;
}

/**
 * A user's own export: only the messages they may see, under the same
 * predicate as every other read, bodies only where they may open them.
 * Each export is audited with its filter and how many messages it gave,
 * also when the client stops reading halfway.
 */
export function createReaderExportService(deps: {
  database: Database;
  audit: AuditLog;
  /** Messages read a query; bodies ride along, so pages stay small. */
  pageSize?: number;
  /** Where HTML is sanitised: the server passes its sanitiser threads. */
  sanitizer?: HtmlSanitizer;
}) {
  const pageSize = deps.pageSize ?? 200;
  const bodies = createMessageHtml({
    database: deps.database,
    sanitizer: deps.sanitizer ?? inThreadSanitizer,
  });
  const repository = messageExportRepository(deps.database);
  const records = crmRecordsRepository(deps.database);

  async function* lines(
    user: UserRow,
    filter: VisibleExportFilter,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<ReaderExportedMessage> {
    const reader = readerOf(user);
    let count = 0;
    let complete = false;
    try {
      let afterKey = '';
      for (;;) {
        signal?.throwIfAborted();
        const page = await repository.visiblePage(reader, {
          afterKey,
          limit: pageSize,
          filter,
        });
        for (const row of page) {
          count += 1;
          yield {
            ...exported(row),
            subject: row.subject,
            sentAt: row.sentAt?.toISOString() ?? null,
            from: row.fromAddress,
            participants: row.participants,
            bodyOpen: row.bodyOpen,
            text: row.textBody,
            html: (await bodies.stored(row.id, row)).html,
          };
        }
        if (page.length < pageSize) break;
        afterKey = page[page.length - 1]!.key;
      }
      complete = true;
    } finally {
      await deps.audit.record(
        { id: user.id, email: user.email },
        'messages.export',
        { type: 'user', id: user.id },
        {
          filter: {
            recordType: filter.record?.type ?? null,
            recordId: filter.record?.id ?? null,
            from: filter.from?.toISOString() ?? null,
            to: filter.to?.toISOString() ?? null,
          },
          messages: count,
          complete,
        },
      );
    }
  }

  return {
    /** Checks the filter's record, then yields the messages page by page. */
    async messagesFor(
      user: UserRow,
      filter: VisibleExportFilter,
      signal?: AbortSignal,
    ): Promise<AsyncGenerator<ReaderExportedMessage>> {
      if (filter.record && !(await records.recordExists(filter.record.type, filter.record.id))) {
        throw new ThreadlineError(
          'NOT_FOUND',
          `No ${filter.record.type} with id ${filter.record.id}`,
        );
      }
      return lines(user, filter, signal);
    },
  };
}

export type ReaderExportService = ReturnType<typeof createReaderExportService>;
