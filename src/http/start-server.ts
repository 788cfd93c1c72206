import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newToken } from '../adapters/crypto/tokens.js';
import { buildHttpApp } from './app.js';
import { apiRoutes } from './api-routes.js';
import { scheduleRetention } from '../services/privacy/retention.js';
import { createLogger } from '../adapters/system/logger.js';
import { startBackgroundSync } from '../services/sync/background-sync.js';
import { workerSyncRequests } from '../services/sync/worker-sync-requests.js';
import { startDavPolling } from '../services/dav/dav-poller.js';
import type { App } from '../app/open-app.js';
import { createOutboxWorker } from '../services/send/outbox-worker.js';
import { startOutboxLoop } from '../services/send/outbox-loop.js';
import { startCaptureReceiver } from '../app/start-capture-receiver.js';
import { createAggregateRefresher } from '../services/reports/aggregate-refresher.js';

/** The package root, whether this module runs from `src/` (tests) or `dist/src/` (built). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** How often workflow rules read new mail, check waiting threads and send webhooks. */
const rulePassMs = 15_000;
/** How often the report aggregates catch up with filed mail and changed links. */
const reportRefreshMs = 250;

export const defaultWebRoot = join(packageRoot(), 'web', 'dist');

/** `threadline start`: API, background work and the web UI in one process. */
export async function startServer(app: App, options: { webRoot?: string | null } = {}) {
  const cliToken = newToken('tlc_');
  // With sync workers, a new mailbox is taken by one at its next heartbeat, and
  // "Sync now" is handed to the worker holding the mailbox.
  const background = app.config.syncInServer
    ? await startBackgroundSync({
        ...app,
        queue: app.config.queue,
        maxMessageBytes: app.config.attachmentMaxBytes,
        leaseSeconds: app.config.syncLeaseSeconds,
        inboxPollSeconds: app.config.inboxPollSeconds,
        backfillSlice: app.config.backfillSlice,
        logger: createLogger({ level: app.config.logLevel }).child({ component: 'sync' }),
      })
    : workerSyncRequests(app.database, app.config.syncLeaseSeconds);
  // Re-filing runs queued by any process sharing the store are worked here too.
  await app.refiling.work();
  const outbox = startOutboxLoop({
    worker: createOutboxWorker({
      ...app,
      openSession: app.openMailboxSession,
      workerId: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
    }),
    intervalMs: 1000,
    logger: createLogger({ level: app.config.logLevel }).child({ component: 'outbox' }),
  });
  const http = await buildHttpApp(app, {
    webRoot: options.webRoot === undefined ? defaultWebRoot : options.webRoot,
    secureCookies: app.config.publicUrl?.startsWith('https:') ?? false,
    localCliToken: cliToken,
    logLevel: app.config.logLevel,
    trustProxy: app.config.trustProxy,
    plugins: apiRoutes(app, background),
  });
  const davPolling = startDavPolling(app.dav, {
    everySeconds: app.config.davSyncSeconds,
    onResult: (id, result) => {
      if (!result.ok)
        http.log.warn({ davSource: id, code: result.code }, 'calendar or address book sync failed');
    },
  });
  const retention = scheduleRetention(
    () => app.retention.apply(),
    (error) => http.log.error({ err: error }, 'retention failed'),
  );
  const rules = app.ruleWorker.start(rulePassMs, (error) =>
    http.log.error({ err: error }, 'workflow rules pass failed'),
  );
  const aggregates = createAggregateRefresher(app).start(reportRefreshMs, (error) =>
    http.log.error({ err: error }, 'refreshing the report aggregates failed'),
  );
  await http.listen({ host: app.config.host, port: app.config.port });
  const capture = await startCaptureReceiver(app, {
    onError: (error) => http.log.error({ err: error }, 'capture address delivery failed'),
  });
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : app.config.port;
  const url = `http://${app.config.host.includes(':') ? `[${app.config.host}]` : app.config.host}:${port}`;
  await app.lock?.advertise(url, cliToken);
  return {
    url,
    http,
    /** The capture address's SMTP port, when the receiver runs. */
    capturePort: capture?.port ?? null,
    async close() {
      retention.stop();
      await capture?.close();
      await rules.stop();
      await aggregates.stop();
      await davPolling.stop();
      await http.close();
      await outbox.stop();
      await background.stop();
      await app.close();
    },
  };
}
