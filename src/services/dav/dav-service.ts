import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import { davCollection } from '../../adapters/dav/dav-collection.js';
import type { Database } from '../../adapters/db/database.js';
import {
  davSourcesRepository,
  type DavKind,
  type DavSourceRow,
} from '../../adapters/db/repositories/dav-sources.js';
import { mailboxesRepository } from '../../adapters/db/repositories/mailboxes.js';
import type { Clock } from '../../adapters/system/clock.js';
import { isThreadlineError, ThreadlineError } from '../../core/errors.js';
import type { AuditLog } from '../sharing/audit-log.js';
import type { DavPassOutcome } from './dav-pass-outcome.js';
import { withDavSignIn, type MailboxAccessToken } from './dav-sign-in.js';
import { syncAddressBook } from './sync-address-book.js';
import { syncCalendar } from './sync-calendar.js';

export type { DavSourceRow };

export interface DavSourceInput {
  readonly kind: DavKind;
  readonly label: string;
  /** The calendar's or address book's own URL. */
  readonly url: string;
  /** Signs in with a user name and password, or with the OAuth grant of the owner's mailbox `mailboxId`. */
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly mailboxId?: string | undefined;
}

export interface DavServiceDeps {
  readonly database: Database;
  readonly secrets: SecretBox;
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** Refuses hosts this server may not reach (the policy mailboxes follow). */
  readonly vet: (host: string, port: number) => Promise<unknown>;
  /** Access tokens of signed-in mailboxes, for sources that sign in with one. */
  readonly accessToken?: MailboxAccessToken;
  /** Called after a pass that changed contacts, so mail is filed with the new addresses. */
  readonly contactsChanged?: () => Promise<void>;
}

/** The outcome of one sync: what it did, or the error it stopped on, in words. */
export type DavSyncResult =
  | ({ readonly ok: true } & DavPassOutcome)
  | { readonly ok: false; readonly code: string; readonly message: string };

/** Calendars and address books users connect: connect, list with health, sync, disconnect. */
export function createDavService(deps: DavServiceDeps) {
  const sources = davSourcesRepository(deps.database);

  const mailboxes = mailboxesRepository(deps.database);
  const signInOf = async (ownerId: string, input: DavSourceInput) => {
    if (input.mailboxId === undefined) {
      if (!input.username || !input.password) {
        throw new ThreadlineError(
          'VALIDATION_FAILED',
          'Give a user name and password, or a mailbox to sign in with',
        );
      }
      const credentials = deps.secrets.seal(input.password);
      return { username: input.username, credentials, mailboxId: null };
    }
    const mailbox = await mailboxes.findById(input.mailboxId);
    if (!mailbox || mailbox.ownerId !== ownerId) {
      throw new ThreadlineError('NOT_FOUND', 'No such mailbox of yours to sign in with');
    }
    return { username: mailbox.label, credentials: null, mailboxId: mailbox.id };
  };

  async function sourceOf(id: string, reader: { id: string; isAdmin: boolean }) {
    const source = await sources.forSync(id);
    if (!source || (source.ownerId !== reader.id && !reader.isAdmin)) {
      throw new ThreadlineError('NOT_FOUND', 'No such calendar or address book');
    }
    return source;
  }

  return {
    /**
     * Stores a calendar or address book once its server accepts the
     * credentials (AUTH_FAILED, HOST_UNREACHABLE, FOLDER_MISSING otherwise).
     */
    async connect(ownerId: string, input: DavSourceInput): Promise<DavSourceRow> {
      const url = parseUrl(input.url);
      await deps.vet(url.hostname, Number(url.port) || (url.protocol === 'https:' ? 443 : 80));
      const signIn = await signInOf(ownerId, input);
      await withDavSignIn(signIn, deps, (access) =>
        davCollection({ kind: input.kind, url: url.toString(), signIn: access }).ctag(),
      );
      if ((await sources.list(ownerId)).some((source) => source.url === url.toString())) {
        throw new ThreadlineError('CONFLICT', 'This collection is already connected');
      }
      const id = await sources.create({
        ownerId,
        kind: input.kind,
        label: input.label,
        url: url.toString(),
        username: signIn.username,
        credentials: signIn.credentials,
        mailboxId: signIn.mailboxId,
      });
      return (await sources.list(ownerId)).find((source) => source.id === id)!;
    },

    /** The reader's calendars and address books with their health; an admin sees every user's. */
    list(reader: { id: string; isAdmin: boolean }): Promise<DavSourceRow[]> {
      return sources.list(reader.isAdmin ? null : reader.id);
    },

    /**
     * One pass over the collection. A failure is kept on the source in words
     * (the health view shows it) and returned, never thrown: the next pass
     * starts from the last checkpoint.
     */
    async sync(
      id: string,
      reader: { id: string; isAdmin: boolean },
      signal?: AbortSignal,
    ): Promise<DavSyncResult> {
      const source = await sourceOf(id, reader);
      try {
        const outcome = await withDavSignIn(source, deps, (signIn) => {
          const collection = davCollection({
            kind: source.kind,
            url: source.url,
            signIn,
            ...(signal ? { signal } : {}),
          });
          return source.kind === 'caldav'
            ? syncCalendar(deps.database, source, collection)
            : syncAddressBook({ ...deps, source, collection });
        });
        const counts = await sources.counts(source.id);
        await sources.recordSuccess(source.id, {
          syncToken: outcome.pass.syncToken,
          ctag: outcome.pass.ctag,
          serverCount: outcome.pass.serverCount,
          handled: counts.handled,
          failed: counts.failed,
          at: deps.clock.now(),
        });
        if (source.kind === 'carddav' && outcome.fetched > 0) await deps.contactsChanged?.();
        return { ok: true, ...outcome };
      } catch (error) {
        const code = isThreadlineError(error) ? error.code : 'INTERNAL';
        const message = error instanceof Error ? error.message : String(error);
        await sources.recordFailure(source.id, code, message, deps.clock.now());
        return { ok: false, code, message };
      }
    },

    async disconnect(id: string, reader: { id: string; isAdmin: boolean }): Promise<void> {
      await sourceOf(id, reader);
      await sources.remove(id);
    },
  };
}

export type DavService = ReturnType<typeof createDavService>;

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ThreadlineError('VALIDATION_FAILED', `Not a URL: ${text}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ThreadlineError('VALIDATION_FAILED', 'The URL must start with https:// or http://');
  }
  if (!url.pathname.endsWith('/')) url.pathname = `${url.pathname}/`;
  return url;
}
