import { z } from 'zod';
import { ThreadlineError, type ErrorCode } from '../../core/errors.js';
import { mailboxHealth, stateText } from '../../core/sync/health.js';
import { mailboxInput, mailboxPatch, type ConnectionTest } from '../../api-shapes/mailboxes.js';
import type { AttachmentStore } from '../../adapters/attachments/attachment-store.js';
import type { Database } from '../../adapters/db/database.js';
import { auditLogRepository } from '../../adapters/db/repositories/audit-log.js';
import { inboxPollingRepository } from '../../adapters/db/repositories/inbox-polling.js';
import { mailCleanupRepository } from '../../adapters/db/repositories/mail-cleanup.js';
import { mailboxesRepository, type MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { usersRepository } from '../../adapters/db/repositories/users.js';
import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import type { Clock } from '../../adapters/system/clock.js';
import { tidyThreads } from '../privacy/stored-mail.js';
import type { MailServerAccess } from './mail-server-access.js';
import type { DelegatedGrant, MailboxSecrets, SignedInGrant } from './mailbox-secrets.js';
import { createLocalMailbox } from './local-mailbox.js';
import { signedInTokens, type RefreshGrant } from './signed-in-tokens.js';

export type { DelegatedGrant, MailboxSecrets, SignedInGrant };

/** A token for the mailbox of `user` through the organisation's delegation at `provider`. */
export type DelegatedToken = (
  provider: string,
  user: string,
  options: { force?: boolean },
) => Promise<string>;

export type { MailboxRow };

export { mailboxInput, mailboxPatch };
export type MailboxInput = z.infer<typeof mailboxInput>;
export type MailboxPatch = z.infer<typeof mailboxPatch>;

/** Who changes a mailbox, for the audit log. */
export interface MailboxActor {
  readonly id: string;
  readonly email: string;
}

/** A mailbox's settings, its credentials apart. */
export type MailboxSettingsInput = Omit<z.output<typeof mailboxInput>, 'auth'>;

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
    pausedAt: mailbox.pausedAt,
  };
}

/** The settings `mailbox` was connected with, as `POST /api/mailboxes/test` takes them. */
function connectionInput(mailbox: MailboxRow, auth: MailboxInput['auth']): MailboxInput {
  const imap = mailbox.imap as MailboxInput['imap'];
  return {
    label: mailbox.label,
    imap: {
      host: imap.host,
      port: imap.port,
      security: imap.security,
      user: imap.user,
      allowSelfSigned: imap.allowSelfSigned,
    },
    auth,
    smtp: null,
    folders: mailbox.folderChoice,
    activityWindowDays: mailbox.activityWindowDays,
    statsWindowDays: mailbox.statsWindowDays,
    dataScope: mailbox.dataScope,
    captureMode: mailbox.captureMode,
    createContacts: mailbox.createContacts,
  };
}

export function createMailboxService(
  database: Database,
  secrets: SecretBox,
  clock: Clock,
  access: MailServerAccess,
  attachments: AttachmentStore,
  refreshGrant: RefreshGrant = () =>
    Promise.reject(new ThreadlineError('NOT_FOUND', 'No OAuth provider is registered')),
  delegatedToken: DelegatedToken = () =>
    Promise.reject(new ThreadlineError('NOT_FOUND', 'No delegation is registered')),
) {
  const mailboxes = mailboxesRepository(database);
  const tokens = signedInTokens({
    database,
    secrets,
    now: () => clock.now().getTime(),
    refresh: refreshGrant,
  });
  const users = usersRepository(database);

  function secretsOf(mailbox: MailboxRow): MailboxSecrets {
    if (!mailbox.credentials)
      throw new ThreadlineError('NOT_FOUND', 'This mailbox has no stored credentials');
    return JSON.parse(secrets.open(mailbox.credentials)) as MailboxSecrets;
  }

  async function store(
    ownerId: string,
    input: MailboxSettingsInput,
    auth: MailboxSecrets['imap'],
  ): Promise<MailboxRow> {
    await access.vet(input.imap.host, input.imap.port);
    if (input.smtp) await access.vet(input.smtp.host, input.smtp.port);
    if (await mailboxes.findByLabel(ownerId, input.label)) {
      throw new ThreadlineError('CONFLICT', `You already have a mailbox labelled "${input.label}"`);
    }
    const smtpSecret =
      input.smtp && !input.smtp.sameCredentialsAsIncoming && input.smtp.user && input.smtp.password
        ? { user: input.smtp.user, password: input.smtp.password }
        : null;
    const sealed: MailboxSecrets = { imap: auth, smtp: smtpSecret };
    const id = await mailboxes.insert({
      ownerId,
      label: input.label,
      kind: 'imap',
      imap: { ...input.imap, authKind: auth.kind === 'password' ? 'password' : 'oauth2' },
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
  }

  return {
    /** How this server reaches mailbox servers: vetted addresses, OAuth2 token endpoints. */
    access,

    /** Access tokens of mailboxes signed in at a registered provider, rotations saved first. */
    signedInAccessToken: (mailboxId: string, options?: { force?: boolean }) =>
      tokens.accessToken(mailboxId, options),

    /** Stores a mailbox whose servers the policy allows (MAIL_HOST_NOT_ALLOWED otherwise). */
    async create(ownerId: string, input: MailboxInput): Promise<MailboxRow> {
      if (input.auth.kind === 'oauth2') access.oauthClient(input.auth);
      return store(ownerId, input, input.auth);
    },

    /**
     * A token for a mailbox an admin connected through the organisation's
     * delegation; `force` mints a new one (the server refused the kept one).
     */
    async delegatedAccessToken(mailbox: MailboxRow, options: { force?: boolean } = {}) {
      const grant = secretsOf(mailbox).imap;
      if (grant.kind !== 'oauth2-delegated') {
        throw new ThreadlineError(
          'VALIDATION_FAILED',
          `Mailbox "${mailbox.label}" is not delegated`,
        );
      }
      return delegatedToken(grant.provider, (mailbox.imap as { user: string }).user, options);
    },

    /** Stores a mailbox its owner signed in to at the provider, or an admin connected for them. */
    createSignedIn(
      ownerId: string,
      input: MailboxSettingsInput,
      grant: SignedInGrant | DelegatedGrant,
    ) {
      return store(ownerId, input, grant);
    },

    /**
     * Replaces a mailbox's grant after its owner signed in again; the next
     * pass tries it at once and resumes from the folders' checkpoints.
     */
    async signedInAgain(mailbox: MailboxRow, grant: SignedInGrant): Promise<MailboxRow> {
      const kept = secretsOf(mailbox);
      await mailboxes.replaceCredentials(
        mailbox.id,
        secrets.seal(JSON.stringify({ ...kept, imap: grant })),
        { ...mailbox.imap, authKind: 'oauth2' },
      );
      return (await mailboxes.findById(mailbox.id))!;
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
      return createLocalMailbox(
        database,
        { ownerId: owner.id, label: 'import', kind: 'import' },
        clock.now(),
      );
    },

    secretsOf,

    async get(id: string): Promise<MailboxRow> {
      const mailbox = await mailboxes.findById(id);
      if (!mailbox) throw new ThreadlineError('NOT_FOUND', `No mailbox ${id}`);
      return mailbox;
    },

    list: (ownerId: string | null) => mailboxes.list(ownerId),

    /**
     * Changes a connected mailbox's settings. New credentials are tried
     * against its server first (with the folders it will sync) and saved only
     * if they work, failing with the test's code otherwise; saved, they reset
     * the sync state so the next pass tries them at once. Chosen folders are
     * selected from the next pass; a wider window has every folder read again
     * from its start, which adds the older mail and recognises what is stored.
     */
    async update(
      mailbox: MailboxRow,
      patch: MailboxPatch,
      tryConnection: (input: MailboxInput) => Promise<ConnectionTest>,
    ): Promise<MailboxRow> {
      if (mailbox.kind !== 'imap') {
        throw new ThreadlineError('VALIDATION_FAILED', 'An import mailbox has no settings to edit');
      }
      const label = patch.label ?? mailbox.label;
      if (label !== mailbox.label && (await mailboxes.findByLabel(mailbox.ownerId, label))) {
        throw new ThreadlineError('CONFLICT', `You already have a mailbox labelled "${label}"`);
      }
      const folderChoice = patch.folders === undefined ? mailbox.folderChoice : patch.folders;
      let sealed: string | null = null;
      if (patch.auth) {
        const tested = await tryConnection({
          ...connectionInput(mailbox, patch.auth),
          folders: folderChoice,
        });
        // The test's codes come from the one registry: ThreadlineError codes it caught.
        if (!tested.ok) throw new ThreadlineError(tested.code as ErrorCode, tested.message);
        const kept = secretsOf(mailbox);
        sealed = secrets.seal(JSON.stringify({ ...kept, imap: patch.auth }));
      }
      const settings = {
        label,
        folderChoice,
        activityWindowDays: patch.activityWindowDays ?? mailbox.activityWindowDays,
        statsWindowDays: patch.statsWindowDays ?? mailbox.statsWindowDays,
        dataScope: patch.dataScope ?? mailbox.dataScope,
        captureMode: patch.captureMode ?? mailbox.captureMode,
        createContacts: patch.createContacts ?? mailbox.createContacts,
      };
      const widened =
        Math.max(settings.activityWindowDays, settings.statsWindowDays) >
        Math.max(mailbox.activityWindowDays, mailbox.statsWindowDays);
      await database.transaction(async (tx) => {
        const repository = mailboxesRepository(tx);
        await repository.updateSettings(mailbox.id, settings);
        if (patch.folders !== undefined)
          await repository.applyFolderChoice(mailbox.id, folderChoice);
        if (widened) await repository.rereadFolders(mailbox.id);
        if (patch.auth && sealed) {
          await repository.replaceCredentials(mailbox.id, sealed, {
            ...mailbox.imap,
            authKind: patch.auth.kind,
          });
        }
      });
      return (await mailboxes.findById(mailbox.id))!;
    },

    /** Sync leaves a paused mailbox alone: mail that arrives meanwhile is taken in on resuming. */
    async pause(mailbox: MailboxRow): Promise<MailboxRow> {
      await mailboxes.setPaused(mailbox.id, clock.now());
      return (await mailboxes.findById(mailbox.id))!;
    },

    async resume(mailbox: MailboxRow): Promise<MailboxRow> {
      await mailboxes.setPaused(mailbox.id, null);
      return (await mailboxes.findById(mailbox.id))!;
    },

    /**
     * Disconnects a mailbox: its credentials and server positions go. With
     * `keepMail`, what it captured stays, the mailbox kept as disconnected
     * (no longer listed nor synced) because the copies' decisions and who may
     * see them hang on it. Without, it goes with the messages only it held
     * and the attachment files no message refers to any more; messages
     * another mailbox also holds stay. Audited either way.
     */
    async disconnect(
      mailbox: MailboxRow,
      keepMail: boolean,
      actor: MailboxActor,
    ): Promise<{ messagesDeleted: number; filesRemoved: number }> {
      const removed = await database.transaction(async (tx) => {
        const repository = mailboxesRepository(tx);
        let outcome = { messages: 0, blobs: [] as string[] };
        if (keepMail) {
          await repository.markDisconnected(mailbox.id, clock.now());
        } else {
          const deleted = await repository.deleteMessagesOnlyIn(mailbox.id);
          await repository.delete(mailbox.id);
          await tidyThreads(tx, deleted.threads);
          const blobs = await mailCleanupRepository(tx).deleteUnreferencedBlobs(deleted.hashes);
          outcome = { messages: deleted.messages, blobs };
        }
        await auditLogRepository(tx).append({
          actorId: actor.id,
          actorEmail: actor.email,
          action: 'mailbox.disconnect',
          targetType: 'mailbox',
          targetId: mailbox.id,
          details: {
            label: mailbox.label,
            ownerEmail: mailbox.ownerEmail,
            keepMail,
            messagesDeleted: outcome.messages,
            filesRemoved: outcome.blobs.length,
          },
          at: clock.now(),
        });
        return outcome;
      });
      // After the commit, so a rolled-back disconnect cannot lose files still referenced.
      for (const hash of removed.blobs) await attachments.remove(hash);
      return { messagesDeleted: removed.messages, filesRemoved: removed.blobs.length };
    },

    /** Health per mailbox and folder: state, attempts, lag, and counts of what was considered. */
    async status(mailbox: MailboxRow) {
      const [folders, counts, inboxPollSeconds] = await Promise.all([
        mailboxes.folders(mailbox.id),
        mailboxes.folderCounts(mailbox.id),
        inboxPollingRepository(database).pollSeconds(mailbox.id),
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
        // A chosen folder gone from the server fails alone, shown on the folder:
        // the mailbox's other folders stay live and its lag does not grow for it.
        folders
          .filter((folder) => folder.selected && folder.stateCode !== 'FOLDER_MISSING')
          .map((folder) => ({ ...folder, code: folder.stateCode })),
        clock.now(),
      );
      // Sync leaves a paused mailbox's stored state as its last pass left it.
      const shown = mailbox.pausedAt ? { ...health, state: 'paused' as const } : health;
      return {
        mailbox: presentMailbox(mailbox),
        ...shown,
        stateText: stateText(shown.state, shown.code, inboxPollSeconds),
        inboxPollSeconds,
        message: mailbox.stateMessage,
        folders: folderViews,
      };
    },
  };
}

export type MailboxService = ReturnType<typeof createMailboxService>;
