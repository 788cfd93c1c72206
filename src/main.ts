import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config/config.js';
import type { Database } from './adapters/db/database.js';
import { openEmbeddedDatabase } from './adapters/db/embedded-database.js';
import { openServerDatabase } from './adapters/db/server-database.js';
import { lockDataDir, type DataDirLock } from './adapters/db/data-dir-lock.js';
import { migrate } from './adapters/db/migrate.js';
import { newToken } from './adapters/crypto/tokens.js';
import { systemClock, type Clock } from './adapters/system/clock.js';
import { createAuthService } from './services/auth/auth-service.js';
import { createRecordsService } from './services/crm/records-service.js';
import { createMailboxService, type MailboxService } from './services/mailboxes/mailbox-service.js';
import { createMailServerAccess } from './services/mailboxes/mail-server-access.js';
import { resolveHost } from './adapters/dns/resolve-host.js';
import { createDirectoryCache } from './services/capture/directory-cache.js';
import { createIngestService, type IngestService } from './services/capture/ingest.js';
import { buildDirectoryIndex, type DirectoryIndex } from './core/directory/index.js';
import {
  createAttachmentStore,
  type AttachmentStore,
} from './adapters/attachments/attachment-store.js';
import { createParsePool } from './adapters/mime/parse-pool.js';
import { createSanitizePool, type HtmlSanitizer } from './adapters/html/sanitize-pool.js';
import {
  defaultImageFetchLimits,
  fetchImage,
  type ImageFetchLimits,
} from './adapters/web-images/fetch-image.js';
import { createSecretBox, loadSecretKey } from './adapters/crypto/secret-box.js';
import { buildHttpApp } from './http/app.js';
import { cliRoutes } from './http/routes/cli-routes.js';
import { mailboxRoutes } from './http/routes/mailbox-routes.js';
import { ruleRoutes } from './http/routes/rule-routes.js';
import { createRulesService } from './services/rules/rules-service.js';
import { mailReadRoutes } from './http/routes/mail-read-routes.js';
import { sharingRoutes } from './http/routes/sharing-routes.js';
import { linkRoutes } from './http/routes/link-routes.js';
import { providerPresetRoutes } from './http/routes/provider-preset-routes.js';
import { createLinkEditingService } from './services/links/link-editing-service.js';
import { createAuditLog } from './services/sharing/audit-log.js';
import { createSharingService } from './services/sharing/sharing-service.js';
import { createMailReadsService } from './services/mail-reads/mail-reads-service.js';
import { createRemoteBodyFetcher } from './services/mailboxes/remote-body.js';
import { mailboxSessionOpener } from './services/sync/open-mailbox-session.js';
import { testMailboxConnection } from './services/mailboxes/test-connection.js';
import { startBackgroundSync } from './services/sync/background-sync.js';
import { privacyRoutes } from './http/routes/privacy-routes.js';
import { exportRoutes } from './http/routes/export-routes.js';
import { blocklistRoutes } from './http/routes/blocklist-routes.js';
import { createPersonalBlocklistService } from './services/blocklist/personal-blocklist.js';
import { createReaderExportService } from './services/export/export-messages.js';
import { createPeopleService } from './services/privacy/people.js';
import { createDoNotTrackService } from './services/privacy/do-not-track.js';
import { applyRetention, scheduleRetention } from './services/privacy/retention.js';
import { inboxRoutes } from './http/routes/inbox-routes.js';
import { createSalesInboxService } from './services/inbox/sales-inbox-service.js';
import { reviewRoutes } from './http/routes/review-routes.js';
import { createReviewQueueService } from './services/review/review-queue-service.js';

/** Everything the interfaces (HTTP, CLI) call into. */
export interface Core {
  readonly config: Config;
  readonly database: Database;
  readonly clock: Clock;
  readonly auth: ReturnType<typeof createAuthService>;
  readonly records: ReturnType<typeof createRecordsService>;
  readonly mailboxes: MailboxService;
  readonly directory: { current(): Promise<DirectoryIndex>; invalidate(): Promise<void> };
  readonly ingest: IngestService;
  readonly attachments: AttachmentStore;
  /** Sanitises message HTML on a thread of its own. */
  readonly sanitizer: HtmlSanitizer;
  /** How the image proxy fetches remote images of messages. */
  readonly imageFetch: ImageFetchLimits;
  /** Present for the embedded store: this process owns the data directory. */
  readonly lock: DataDirLock | null;
  close(): Promise<void>;
}

/**
 * Opens the store (taking the data directory's lock in embedded mode),
 * applies migrations and wires the services. The composition root: config ->
 * adapters -> services.
 */
export async function openCore(
  config: Config,
  options: {
    database?: Database;
    /** Tests serve images on this host and let the image proxy fetch them. */
    imageFetch?: Partial<ImageFetchLimits>;
  } = {},
): Promise<Core> {
  let lock: DataDirLock | null = null;
  let database = options.database;
  if (!database) {
    if (config.databaseUrl) {
      database = openServerDatabase(config.databaseUrl, undefined, config.readTimeoutMs);
    } else {
      lock = await lockDataDir(config.dataDir);
      try {
        database = await openEmbeddedDatabase({ dataDir: join(config.dataDir, 'pg') });
      } catch (error) {
        await lock.release();
        throw error;
      }
    }
  }
  await migrate(database);
  const clock = systemClock;
  const auth = createAuthService(database, clock);
  await auth.ensureFirstAdmin(config.firstAdmin);
  const records = createRecordsService(database);
  const secrets = createSecretBox(await loadSecretKey(config.secretKeyHex, config.dataDir));
  const mailboxes = createMailboxService(
    database,
    secrets,
    clock,
    createMailServerAccess({
      policy: config.mailHosts,
      oauthProviders: config.oauthProviders,
      resolve: resolveHost,
    }),
  );
  const directory = createDirectoryCache(database, buildDirectoryIndex, {
    maxAgeMs: config.databaseUrl ? 30_000 : Number.POSITIVE_INFINITY,
    now: () => clock.now().getTime(),
  });
  const attachments = createAttachmentStore(join(config.dataDir, 'attachments'));
  const parser = createParsePool(parseThreads(config));
  const sanitizer = createSanitizePool();
  const ingest = createIngestService({
    parser,
    database,
    directory,
    clock,
    attachments: { store: attachments, maxBytes: config.attachmentMaxBytes },
  });
  const opened = database;
  return {
    config,
    database: opened,
    clock,
    auth,
    records,
    mailboxes,
    directory,
    ingest,
    attachments,
    sanitizer,
    imageFetch: { ...defaultImageFetchLimits, ...options.imageFetch },
    lock,
    async close() {
      await parser.close();
      await sanitizer.close();
      await opened.close();
      await lock?.release();
    },
  };
}

/** The package root, whether this module runs from `src/` (tests) or `dist/src/` (built). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const defaultWebRoot = join(packageRoot(), 'web', 'dist');

/** `threadline start`: API, background work and the web UI in one process. */
export async function startServer(core: Core, options: { webRoot?: string | null } = {}) {
  const cliToken = newToken('tlc_');
  const background = await startBackgroundSync({
    ...core,
    queue: core.config.queue,
    maxMessageBytes: core.config.attachmentMaxBytes,
    leaseSeconds: core.config.syncLeaseSeconds,
  });
  const audit = createAuditLog(core.database, core.clock);
  const app = await buildHttpApp(core, {
    webRoot: options.webRoot === undefined ? defaultWebRoot : options.webRoot,
    secureCookies: core.config.publicUrl?.startsWith('https:') ?? false,
    localCliToken: cliToken,
    logLevel: core.config.logLevel,
    trustProxy: core.config.trustProxy,
    plugins: [
      cliRoutes(core),
      mailReadRoutes(
        createMailReadsService({
          database: core.database,
          audit,
          attachments: core.attachments,
          sanitizer: core.sanitizer,
          fetchImage: (url) => fetchImage(url, core.imageFetch),
          fetchRemoteBody: createRemoteBodyFetcher({
            database: core.database,
            openSession: mailboxSessionOpener(core.mailboxes, () => Date.now()),
          }),
        }),
      ),
      sharingRoutes(
        createSharingService({ database: core.database, clock: core.clock, audit }),
        audit,
      ),
      ruleRoutes(createRulesService(core)),
      mailboxRoutes(core.mailboxes, {
        testConnection: (input) =>
          testMailboxConnection(input, core.mailboxes.access, () => Date.now()),
        requestSync: (mailbox) => background.requestSync(mailbox),
      }),
      linkRoutes(createLinkEditingService({ database: core.database, clock: core.clock, audit })),
      providerPresetRoutes(),
      inboxRoutes(
        createSalesInboxService({
          database: core.database,
          clock: core.clock,
          directory: core.directory,
        }),
      ),
      reviewRoutes(
        createReviewQueueService({
          database: core.database,
          clock: core.clock,
          links: createLinkEditingService({ database: core.database, clock: core.clock, audit }),
          rules: createRulesService(core),
          audit,
        }),
      ),
      exportRoutes(
        createReaderExportService({ database: core.database, audit, sanitizer: core.sanitizer }),
      ),
      blocklistRoutes(
        createPersonalBlocklistService({ database: core.database, directory: core.directory }),
      ),
      privacyRoutes({
        people: createPeopleService(core),
        doNotTrack: createDoNotTrackService(core),
        database: core.database,
        clock: core.clock,
      }),
    ],
  });
  const retention = scheduleRetention(
    () => applyRetention(core.database, core.attachments, core.clock),
    (error) => app.log.error({ err: error }, 'retention failed'),
  );
  await app.listen({ host: core.config.host, port: core.config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : core.config.port;
  const url = `http://${core.config.host.includes(':') ? `[${core.config.host}]` : core.config.host}:${port}`;
  await core.lock?.advertise(url, cliToken);
  return {
    url,
    app,
    async close() {
      retention.stop();
      await app.close();
      await background.stop();
      await core.close();
    },
  };
}

/**
 * Parser threads: one per core for the embedded store; one fewer beside a
 * PostgreSQL server, which works on the same cores. Measured on two cores
 * (`npm run bench:sync`): against the server one parser syncs as fast as
 * two and peaks about 30 MB lower; on the embedded store two are about 15%
 * faster.
 */
function parseThreads(config: Config): number {
  const cores = availableParallelism();
  return Math.max(1, config.databaseUrl ? cores - 1 : cores);
}
