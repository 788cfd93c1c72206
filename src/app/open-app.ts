import { join } from 'node:path';
import {
  lazyQueue,
  once,
  openStore,
  parseThreads,
  senderAuthOf,
  type CheckedSenders,
} from './app-adapters.js';
import type { Config } from '../config/config.js';
import type { Database } from '../adapters/db/database.js';
import type { DataDirLock } from '../adapters/db/data-dir-lock.js';
import { migrate } from '../adapters/db/migrate.js';
import { createInProcessNotifier, createPostgresNotifier } from '../adapters/db/change-notifier.js';
import { systemClock, type Clock } from '../adapters/system/clock.js';
import {
  createAttachmentStore,
  type AttachmentStore,
} from '../adapters/attachments/attachment-store.js';
import { createParsePool } from '../adapters/mime/parse-pool.js';
import { createSanitizePool } from '../adapters/html/sanitize-pool.js';
import { createBodyReader } from '../services/rules/body-reader.js';
import {
  defaultImageFetchLimits,
  fetchImage,
  type ImageFetchLimits,
} from '../adapters/web-images/fetch-image.js';
import { createLogger } from '../adapters/system/logger.js';
import { createTrackingTokens } from '../adapters/crypto/tracking-token.js';
import { createSecretBox, loadSecretKey } from '../adapters/crypto/secret-box.js';
import { buildDirectoryIndex, type DirectoryIndex } from '../core/directory/index.js';
import { createAuthService, type AuthService } from '../services/auth/auth-service.js';
import { createUserAdminService, type UserAdminService } from '../services/auth/user-admin.js';
import { createRecordsService, type RecordsService } from '../services/crm/records-service.js';
import {
  createRecordEditingService,
  type RecordEditingService,
} from '../services/crm/record-editing-service.js';
import {
  createConnectionsService,
  type ConnectionsService,
} from '../services/insight/connections-service.js';
import type { MailboxService } from '../services/mailboxes/mailbox-service.js';
import { createRemoteBodyFetcher } from '../services/mailboxes/remote-body.js';
import { createDirectoryCache } from '../services/capture/directory-cache.js';
import { createIngestService, type IngestService } from '../services/capture/ingest.js';
import { txtLookup } from '../adapters/dns/txt-lookup.js';
import {
  createSendingDomainService,
  type SendingDomainService,
} from '../services/sending-domains/sending-domains-service.js';
import type { OAuthRegistrations } from '../services/oauth/oauth-registrations.js';
import type { OAuthSignIn } from '../services/oauth/oauth-sign-in.js';
import type { OAuthDelegations } from '../services/oauth/oauth-delegations.js';
import type { DelegatedOnboarding } from '../services/oauth/delegated-onboarding.js';
import { openMailboxAccess } from './open-mailbox-access.js';
import { mailboxSessionOpener } from '../services/sync/open-mailbox-session.js';
import { createRulesService, type RulesService } from '../services/rules/rules-service.js';
import {
  createLinkEditingService,
  type LinkEditingService,
} from '../services/links/link-editing-service.js';
import { createAuditLog, type AuditLog } from '../services/sharing/audit-log.js';
import { createSharingService, type SharingService } from '../services/sharing/sharing-service.js';
import {
  createMailReadsService,
  type MailReadsService,
} from '../services/mail-reads/mail-reads-service.js';
import {
  createPersonalBlocklistService,
  type PersonalBlocklistService,
} from '../services/blocklist/personal-blocklist.js';
import {
  createReaderExportService,
  type ReaderExportService,
} from '../services/export/export-messages.js';
import { createPeopleService, type PeopleService } from '../services/privacy/people.js';
import {
  createDoNotTrackService,
  type DoNotTrackService,
} from '../services/privacy/do-not-track.js';
import { createRetentionService, type RetentionService } from '../services/privacy/retention.js';
import {
  createSalesInboxService,
  type SalesInboxService,
} from '../services/inbox/sales-inbox-service.js';
import { createSendService, type SendService } from '../services/send/send-service.js';
import {
  createSenderAddressService,
  type SenderAddressService,
} from '../services/send/sender-address-service.js';
import {
  createTemplatesService,
  type TemplatesService,
} from '../services/templates/templates-service.js';
import { fireTrackedEvents } from '../services/rules/rule-runner.js';
import {
  createTrackingService,
  type TrackingService,
} from '../services/tracking/tracking-service.js';
import {
  createCaptureAddressService,
  type CaptureAddressService,
} from '../services/capture-address/capture-address-service.js';
import {
  createWorkflowRulesService,
  type WorkflowRulesService,
} from '../services/rules/workflow-rules-service.js';
import {
  createAssignmentSettingsService,
  type AssignmentSettingsService,
} from '../services/rules/assignment-settings.js';
import { createWebhookService, type WebhookService } from '../services/rules/webhook-service.js';
import { createRuleWorker, type RuleWorker } from '../services/rules/rule-worker.js';
import { createDavService, type DavService } from '../services/dav/dav-service.js';
import { createLiveUpdates, type LiveUpdates } from '../services/live/live-updates.js';
import { createUndoService, type UndoService } from '../services/undo/undo-service.js';
import {
  createBackgroundRefiling,
  type BackgroundRefiling,
} from '../services/capture/background-refiling.js';
import {
  createReviewQueueService,
  type ReviewQueueService,
} from '../services/review/review-queue-service.js';

/** The wired application: every service, built once, that the interfaces (HTTP, CLI) call into. */
export interface App {
  readonly config: Config;
  readonly database: Database;
  readonly clock: Clock;
  readonly auth: AuthService;
  readonly userAdmin: UserAdminService;
  readonly records: RecordsService;
  /** Creating, editing, archiving and merging CRM records; stored mail follows each change. */
  readonly recordEditing: RecordEditingService;
  /** The re-filing CRM changes queue, and how far each run has got. */
  readonly refiling: BackgroundRefiling;
  /** Notices of changed data for open pages, across every process sharing the store. */
  readonly live: LiveUpdates;
  readonly connections: ConnectionsService;
  readonly mailboxes: MailboxService;
  /** Opens a mailbox's IMAP session with its sealed credentials. */
  /** The organisation's OAuth clients, registered by an admin. */
  readonly oauthClients: OAuthRegistrations;
  /** An admin's grants to read the mail of the users they pick, without asking them. */
  readonly oauthDelegations: OAuthDelegations;
  /** Connecting the mailboxes of users an admin picks, through a delegation. */
  readonly delegatedOnboarding: DelegatedOnboarding;
  /** Connecting a mailbox, or signing it in again, through its provider's consent screen. */
  readonly oauthSignIn: OAuthSignIn;
  readonly openMailboxSession: ReturnType<typeof mailboxSessionOpener>;
  readonly directory: { current(): Promise<DirectoryIndex>; invalidate(): Promise<void> };
  readonly ingest: IngestService;
  readonly attachments: AttachmentStore;
  readonly audit: AuditLog;
  readonly mailReads: MailReadsService;
  readonly sharing: SharingService;
  readonly rules: RulesService;
  readonly links: LinkEditingService;
  readonly inbox: SalesInboxService;
  readonly review: ReviewQueueService;
  /** Undo of a user's last action on their mail (File & Clear, exclude, unlink, relink). */
  readonly undo: UndoService;
  readonly readerExport: ReaderExportService;
  readonly blocklist: PersonalBlocklistService;
  readonly people: PeopleService;
  readonly doNotTrack: DoNotTrackService;
  readonly retention: RetentionService;
  /** Writing mail: compose, answer, the outbox, undo and scheduled send. */
  readonly send: SendService;
  /** Proving the user receives mail at the address they send from. */
  readonly senderAddresses: SenderAddressService;
  /** Message templates with merge fields, personal and shared. */
  readonly templates: TemplatesService;
  /** Open and click tracking of sent mail: the public pixel and redirects, and what people did. */
  readonly tracking: TrackingService;
  /** Users' capture addresses, for the API, the CLI and the SMTP receiver. */
  readonly captureAddresses: CaptureAddressService;
  readonly sendingDomains: SendingDomainService;
  /** Sender checks (THREADLINE_SENDER_AUTH=on), with how its DNS cache answered; null when off. */
  readonly senderAuth: CheckedSenders | null;
  readonly workflowRules: WorkflowRulesService;
  readonly assignmentSettings: AssignmentSettingsService;
  readonly webhooks: WebhookService;
  /** Message rules, time-based checks and webhook deliveries; `startServer` runs it in the background. */
  readonly ruleWorker: RuleWorker;
  /** Calendars (CalDAV) and address books (CardDAV) users connect. */
  readonly dav: DavService;
  /** Present for the embedded store: this process owns the data directory. */
  readonly lock: DataDirLock | null;
  /** Closes the store and the workers; asked again, answers the same close. */
  close(): Promise<void>;
}

/**
 * Opens the store (taking the data directory's lock in embedded mode),
 * applies migrations and builds every service once. The composition root:
 * config -> adapters -> services; `startServer` (http/start-server.ts) adds the routes.
 */
export async function openApp(
  config: Config,
  options: {
    database?: Database;
    /** Tests serve images on this host and let the image proxy fetch them. */
    imageFetch?: Partial<ImageFetchLimits>;
  } = {},
): Promise<App> {
  const { database, lock } = options.database
    ? { database: options.database, lock: null }
    : await openStore(config);
  await migrate(database);
  const clock = systemClock;
  const auth = createAuthService(database, clock);
  await auth.ensureFirstAdmin(config.firstAdmin);
  const secretKey = await loadSecretKey(config.secretKeyHex, config.dataDir);
  const secrets = createSecretBox(secretKey);
  const attachments = createAttachmentStore(join(config.dataDir, 'attachments'));
  const audit = createAuditLog(database, clock);
  const mailboxAccess = openMailboxAccess(config, { database, secrets, clock, audit, attachments });
  const { mailboxes } = mailboxAccess;
  const openMailboxSession = mailboxSessionOpener(mailboxes, () => clock.now().getTime());
  const directory = createDirectoryCache(database, buildDirectoryIndex, {
    maxAgeMs: config.databaseUrl ? 30_000 : Number.POSITIVE_INFINITY,
    now: () => clock.now().getTime(),
  });
  const parser = createParsePool(parseThreads(config));
  const sanitizer = createSanitizePool();
  const bodyReader = createBodyReader();
  const imageFetch = { ...defaultImageFetchLimits, ...options.imageFetch };
  const senderAuth = senderAuthOf(config);
  const live = createLiveUpdates(
    config.databaseUrl
      ? createPostgresNotifier(database, config.databaseUrl)
      : createInProcessNotifier(),
  );
  const undo = createUndoService({ database, clock, audit, live });
  const links = createLinkEditingService({ database, clock, audit, undo, live });
  const rules = createRulesService({ database, directory });
  const privacy = { database, attachments, clock, directory };
  const mailReads = createMailReadsService({
    database,
    audit,
    attachments,
    sanitizer,
    fetchImage: (url) => fetchImage(url, imageFetch),
    fetchRemoteBody: createRemoteBodyFetcher({ database, openSession: openMailboxSession }),
  });
  const webhooks = createWebhookService({ database, secrets, clock });
  const logOf = (component: string) =>
    createLogger({ level: config.logLevel }).child({ component });
  const tracking = createTrackingService({
    database,
    tokens: createTrackingTokens(secretKey),
    clock,
    directory,
    publicUrl: config.publicUrl,
    onWriteError: (error) =>
      logOf('tracking').error({ err: error }, 'storing tracking events failed'),
    onPersonActions: (actions) =>
      fireTrackedEvents(
        database,
        clock.now(),
        actions.map(({ messageId, kind, url }) => ({ messageId, action: kind, url })),
      )
        .then(() => undefined)
        .catch((error: unknown) =>
          logOf('workflow rules').error(
            { err: error },
            'rules on a tracked open or click failed; the next rule pass fires them from the stored events',
          ),
        ),
  });
  const jobs = lazyQueue(config, database);
  const refiling = createBackgroundRefiling({ database, directory, clock, queue: jobs.get, live });
  if (config.queue === 'in-process') await refiling.work();
  const senderAddresses = createSenderAddressService({
    database,
    mailboxes,
    clock,
    required: config.verifySenderAddresses,
    secretKey,
  });
  return {
    config,
    database,
    clock,
    auth,
    userAdmin: createUserAdminService({
      database,
      clock,
      audit,
      auth,
      publicUrl: config.publicUrl,
    }),
    records: createRecordsService(database),
    recordEditing: createRecordEditingService({ database, clock, directory, audit, refiling }),
    refiling,
    live,
    connections: createConnectionsService({ database, clock }),
    ...mailboxAccess,
    openMailboxSession,
    directory,
    ingest: createIngestService({
      parser,
      database,
      directory,
      clock,
      attachments: { store: attachments, maxBytes: config.attachmentMaxBytes },
      checkSender: senderAuth
        ? (raw: Uint8Array, whole: boolean) => senderAuth.fromStoredMail(raw, whole)
        : undefined,
      onStored: (mailbox, threadIds) => {
        void live.announce('mail', threadIds);
        void live.announce('mailboxes', [mailbox.id], [mailbox.ownerId]);
      },
    }),
    attachments,
    audit,
    mailReads,
    sharing: createSharingService({ database, clock, audit }),
    rules,
    links,
    inbox: createSalesInboxService({ database, clock, directory }),
    review: createReviewQueueService({ database, clock, links, rules, audit, undo, live }),
    undo,
    readerExport: createReaderExportService({ database, audit, sanitizer }),
    blocklist: createPersonalBlocklistService({ database, directory }),
    people: createPeopleService(privacy),
    doNotTrack: createDoNotTrackService(privacy),
    retention: createRetentionService(privacy),
    send: createSendService({
      database,
      mailboxes,
      attachments,
      readAttachment: (user, id, position) => mailReads.attachment(user, id, position),
      clock,
      undoSeconds: config.sendUndoSeconds,
      tracking,
      senderAddresses,
    }),
    senderAddresses,
    templates: createTemplatesService({ database }),
    tracking,
    captureAddresses: createCaptureAddressService({
      database,
      secrets,
      domain: config.capture?.domain ?? null,
    }),
    sendingDomains: createSendingDomainService({
      database,
      secrets,
      clock,
      audit,
      lookupTxt: txtLookup({
        server: config.senderAuth.dnsServer,
        timeoutMs: config.senderAuth.dnsTimeoutMs,
      }),
      spfInclude: config.spfInclude,
    }),
    senderAuth,
    workflowRules: createWorkflowRulesService({ database, clock }),
    assignmentSettings: createAssignmentSettingsService({ database }),
    webhooks,
    ruleWorker: createRuleWorker({ database, clock, webhooks, options: { bodies: bodyReader } }),
    dav: createDavService({
      database,
      secrets,
      clock,
      audit,
      vet: (host, port) => mailboxes.access.vet(host, port),
      accessToken: (mailboxId, options) => mailboxes.signedInAccessToken(mailboxId, options),
      contactsChanged: () => directory.invalidate(),
    }),
    lock,
    // Whoever holds the app last may close it: the server it was handed to, or its opener.
    close: once(async () => {
      await tracking.flush();
      await jobs.stop();
      await live.close();
      await parser.close();
      await sanitizer.close();
      await bodyReader.close();
      await database.close();
      await lock?.release();
    }),
  };
}
