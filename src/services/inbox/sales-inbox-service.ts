import type { Database } from '../../adapters/db/database.js';
import { salesInboxRepository } from '../../adapters/db/repositories/sales-inbox.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import type { Clock } from '../../adapters/system/clock.js';
import { normalizeAddress } from '../../core/addresses/normalize.js';
import type { DirectoryIndex } from '../../core/directory/index.js';
import { inboxColumns, type InboxColumn } from '../../core/inbox/inbox-columns.js';
import { ThreadlineError } from '../../core/errors.js';
import { changeAndRefile } from '../capture/refile-after-change.js';
import { readerOf } from '../mail-reads/mail-reads-service.js';
import { decodeThreadCursor, encodeThreadCursor } from '../thread-cursor.js';

const dayMs = 24 * 60 * 60 * 1000;

export interface InboxQuery {
  /** Only these columns; every column but `noise` when omitted. */
  columns: readonly InboxColumn[] | null;
  /** Window in days back from now. */
  days: number;
  cursor: string | null;
  /** Threads per page, across the asked columns. */
  limit: number;
}

/**
 * The sales inbox: the signed-in user's own recent mail, one row per
 * thread, sorted into CRM mail (deals, contacts, leads), unknown senders
 * (possible leads), colleagues and noise; and turning an unknown sender into
 * a lead.
 */
export function createSalesInboxService(deps: {
  database: Database;
  clock: Clock;
  /** Refreshes the capture directory, so mail from a new lead is filed from now on. */
  directory: { invalidate(): Promise<void>; current(): Promise<DirectoryIndex> };
}) {
  const inbox = salesInboxRepository(deps.database);

  return {
    /** `signal` aborts when the client goes away: the read stops where the store can stop it. */
    async list(user: UserRow, query: InboxQuery, signal?: AbortSignal) {
      const columns = query.columns ?? inboxColumns.filter((c) => c !== 'noise');
      const rows = await inbox.threads(
        readerOf(user),
        {
          since: new Date(deps.clock.now().getTime() - query.days * dayMs),
          columns,
          after: query.cursor === null ? null : decodeThreadCursor(query.cursor),
          limit: query.limit + 1,
        },
        signal,
      );
      const page = rows.slice(0, query.limit).map(({ cursorAt: _cursor, ...row }) => row);
      const last = rows[query.limit - 1];
      const grouped = Object.fromEntries(
        columns.map((column) => [column, page.filter((row) => row.column === column)]),
      ) as Partial<Record<InboxColumn, typeof page>>;
      return {
        columns: grouped,
        next:
          rows.length > query.limit && last
            ? encodeThreadCursor({ at: last.cursorAt, threadId: last.threadId })
            : null,
      };
    },

    /**
     * A lead owned by the user, from an unknown sender's address. The stored
     * mail of that address, in every thread, is decided again, so it is filed
     * on the lead, as is the next message from the address. CONFLICT when a
     * contact or lead already has the address.
     */
    async createLead(user: UserRow, input: { address: string; name: string; company?: string }) {
      const address = normalizeAddress(input.address);
      if (!address) throw new ThreadlineError('VALIDATION_FAILED', 'address: not an email address');
      const existing = await inbox.addressOwner(address);
      if (existing) {
        throw new ThreadlineError(
          'CONFLICT',
          `A ${existing.type} already has the address ${address}`,
          existing,
        );
      }
      const { firstName, lastName } = splitName(input.name, address);
      // Mail from the address, in any thread, is filed on the new lead.
      const { result: lead } = await changeAndRefile(
        deps,
        () =>
          inbox.createLead({
            address,
            firstName,
            lastName,
            company: input.company?.trim() ?? '',
            ownerId: user.id,
          }),
        { now: () => deps.clock.now() },
      );
      return { ...lead, emails: [address] };
    },
  };
}

export type SalesInboxService = ReturnType<typeof createSalesInboxService>;

/** "Grace Hopper" -> Grace / Hopper; a blank name falls back to the address's local part. */
function splitName(name: string, address: string): { firstName: string; lastName: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0)
    return { firstName: '', lastName: address.slice(0, address.indexOf('@')) };
  if (words.length === 1) return { firstName: '', lastName: words[0]! };
  return { firstName: words.slice(0, -1).join(' '), lastName: words.at(-1)! };
}
