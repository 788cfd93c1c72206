import { z } from 'zod';
import { ThreadlineError } from '../../core/errors.js';
import { mailboxHealth } from '../../core/sync/health.js';
import { mailboxInput } from '../../api-shapes/mailboxes.js';
import type { Database } from '../../adapters/db/database.js';
import { mailboxesRepository, type MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { usersRepository } from '../../adapters/db/repositories/users.js';
import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import type { Clock } from '../../adapters/system/clock.js';
import type { MailServerAccess } from './mail-server-access.js';

export type { MailboxRow };

export { mailboxInput };
export type MailboxInput = z.infer<typeof mailboxInput>;

export interface MailboxSecrets {
  imap: MailboxInput['auth'];
  smtp: { user: string; password: string } | null;
}

/** The API's view of a mailbox: settings and health, no secrets. */
export function presentMailbox(mailbox: MailboxRow) {
  return {
    id: mailbox.id,
    ownerEmail: mailbox.ownerEmail,
    label: mailbox.label,
    kind: mailbox.kind,
    imap: mailbox.imap,
    smtp: mailbox.smtp,
    folders: mailbox.folderChoice,
    activityWindowDays: mailbox.activityWindowDays,
    statsWindowDays: mailbox.statsWindowDays,
    dataScope: mailbox.dataScope,
    captureMode: mailbox.captureMode,
    createContacts: mailbox.createContacts,
    backfillDoneAt: mailbox.backfillDoneAt,
  };
}

export function createMailboxService(
  database: Database,
  secrets: SecretBox,
  clock: Clock,
  access: MailServerAccess,
) {
  const mailboxes = mailboxesRepository(database);
  const users = usersRepository(database);

  return {
    /** How this server reaches mailbox servers: vetted addresses, OAuth2 token endpoints. */
    access,

    /** Stores a mailbox whose servers the policy allows (MAIL_HOST_NOT_ALLOWED otherwise). */
    async create(ownerId: string, input: MailboxInput): Promise<MailboxRow> {
      await access.vet(input.imap.host, input.imap.port);
      if (input.smtp) await access.vet(input.smtp.host, input.smtp.port);
      if (input.auth.kind === 'oauth2') access.oauthClient(input.auth);
      if (await mailboxes.findByLabel(ownerId, input.label)) {
        throw new ThreadlineError(
          'CONFLICT',
          `You already have a mailbox labelled "${input.label}"`,
        );
      }
      const smtpSecret =
        input.smtp &&
        !input.smtp.sameCredentialsAsIncoming &&
        input.smtp.user &&
        input.smtp.password
          ? { user: input.smtp.user, password: input.smtp.password }
          : null;
      const sealed: MailboxSecrets = { imap: input.auth, smtp: smtpSecret };
      const id = await mailboxes.insert({
        ownerId,
        label: input.label,
        kind: 'imap',
        imap: { ...input.imap, authKind: input.auth.kind },
        smtp: input.smtp
          ? {
              host: input.smtp.host,
              port: input.smtp.port,
              security: input.smtp.security,
              sameCredentialsAsIncoming: input.smtp.sameCredentialsAsIncoming,
            }
          : null,
        credentials: secrets.seal(JSON.stringify(sealed)),
        folderChoice: input.folders,
        activityWindowDays: input.activityWindowDays,
        statsWindowDays: input.statsWindowDays,
        dataScope: input.dataScope,
        captureMode: input.captureMode,
        createContacts: input.createContacts,
      });
      return (await mailboxes.findById(id))!;
    },

    /** The mailbox offline imports of one owner go through (created on first use). */
    async importMailboxOf(ownerEmail: string): Promise<MailboxRow> {
      const owner = await users.findByEmail(ownerEmail.trim().toLowerCase());
      if (!owner)
        throw new ThreadlineError(
          'NOT_FOUND',
          `No user with e-mail ${ownerEmail}: add the user first`,
        );
      const existing = await mailboxes.findByLabel(owner.id, 'import');
      if (existing) return existing;
      const id = await mailboxes.insert({
        ownerId: owner.id,
        label: 'import',
        kind: 'import',
        imap: null,
        smtp: null,
        credentials: null,
        folderChoice: null,
        activityWindowDays: 36500,
        statsWindowDays: 36500,
        dataScope: 'full',
        captureMode: 'auto',
        createContacts: false,
      });
      // Nothing to connect to: an import mailbox is as current as its last import.
      await mailboxes.setState(id, {
        state: 'live',
        code: null,
        message: null,
        attempt: 0,
        succeededAt: clock.now(),
      });
      return (await mailboxes.findById(id))!;
    },

    secretsOf(mailbox: MailboxRow): MailboxSecrets {
      if (!mailbox.credentials)
        throw new ThreadlineError('NOT_FOUND', 'This mailbox has no stored credentials');
      return JSON.parse(secrets.open(mailbox.credentials)) as MailboxSecrets;
    },

    async get(id: string): Promise<MailboxRow> {
      const mailbox = await mailboxes.findById(id);
      if (!mailbox) throw new ThreadlineError('NOT_FOUND', `No mailbox ${id}`);
      return mailbox;
    },

    list: (ownerId: string | null) => mailboxes.list(ownerId),

    /** Health per mailbox and folder: state, attempts, lag, and counts of what was considered. */
    async status(mailbox: MailboxRow) {
      const [folders, counts] = await Promise.all([
        mailboxes.folders(mailbox.id),
        mailboxes.folderCounts(mailbox.id),
      ]);
      const folderViews = folders.map((folder) => {
        const count = counts.find((c) => c.path === folder.path);
        return {
          path: folder.path,
          specialUse: folder.specialUse,
          selected: folder.selected,
          // Never visited, an unselected folder would read "connecting" for ever.
          state: folder.selected ? folder.state : ('not_synced' as const),
          code: folder.stateCode,
          message: folder.stateMessage,
          attempt: folder.attempt,
          lastSuccessAt: folder.lastSuccessAt,
          onServer: folder.serverCount,
          captured: count?.captured ?? 0,
          ignored: count?.ignored ?? 0,
          failed: count?.failed ?? 0,
        };
      });
      const health = mailboxHealth(
        { state: mailbox.state, code: mailbox.stateCode, attempt: mailbox.attempt },
        folders
          .filter((folder) => folder.selected)
          .map((folder) => ({ ...folder, code: folder.stateCode })),
        clock.now(),
      );
      return {
        mailbox: presentMailbox(mailbox),
        ...health,
        message: mailbox.stateMessage,
        folders: folderViews,
      };
    },
  };
}

export type MailboxService = ReturnType<typeof createMailboxService>;
