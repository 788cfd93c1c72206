import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newToken } from '../adapters/crypto/tokens.js';
import { buildHttpApp } from './app.js';
import { blocklistRoutes } from './routes/blocklist-routes.js';
import { cliRoutes } from './routes/cli-routes.js';
import { exportRoutes } from './routes/export-routes.js';
import { inboxRoutes } from './routes/inbox-routes.js';
import { linkRoutes } from './routes/link-routes.js';
import { mailReadRoutes } from './routes/mail-read-routes.js';
import { mailboxRoutes } from './routes/mailbox-routes.js';
import { privacyRoutes } from './routes/privacy-routes.js';
import { providerPresetRoutes } from './routes/provider-preset-routes.js';
import { reviewRoutes } from './routes/review-routes.js';
import { ruleRoutes } from './routes/rule-routes.js';
import { sharingRoutes } from './routes/sharing-routes.js';
import { testMailboxConnection } from '../services/mailboxes/test-connection.js';
import { scheduleRetention } from '../services/privacy/retention.js';
import { createLogger } from '../adapters/system/logger.js';
import { startBackgroundSync } from '../services/sync/background-sync.js';
import type { App } from '../app/open-app.js';

/** The package root, whether this module runs from `src/` (tests) or `dist/src/` (built). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const defaultWebRoot = join(packageRoot(), 'web', 'dist');

/** `threadline start`: API, background work and the web UI in one process. */
export async function startServer(app: App, options: { webRoot?: string | null } = {}) {
  const cliToken = newToken('tlc_');
  const background = await startBackgroundSync({
    ...app,
    queue: app.config.queue,
    maxMessageBytes: app.config.attachmentMaxBytes,
    leaseSeconds: app.config.syncLeaseSeconds,
    logger: createLogger({ level: app.config.logLevel }).child({ component: 'sync' }),
  });
  const http = await buildHttpApp(app, {
    webRoot: options.webRoot === undefined ? defaultWebRoot : options.webRoot,
    secureCookies: app.config.publicUrl?.startsWith('https:') ?? false,
    localCliToken: cliToken,
    logLevel: app.config.logLevel,
    trustProxy: app.config.trustProxy,
    plugins: [
      cliRoutes(app),
      mailReadRoutes(app.mailReads),
      sharingRoutes(app.sharing, app.audit),
      ruleRoutes(app.rules),
      mailboxRoutes(app.mailboxes, {
        testConnection: (input) =>
          testMailboxConnection(input, app.mailboxes.access, () => app.clock.now().getTime()),
        requestSync: (mailbox) => background.requestSync(mailbox),
      }),
      linkRoutes(app.links),
      providerPresetRoutes(),
      inboxRoutes(app.inbox),
      reviewRoutes(app.review),
      exportRoutes(app.readerExport),
      blocklistRoutes(app.blocklist),
      privacyRoutes(app),
    ],
  });
  const retention = scheduleRetention(
    () => app.retention.apply(),
    (error) => http.log.error({ err: error }, 'retention failed'),
  );
  await http.listen({ host: app.config.host, port: app.config.port });
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : app.config.port;
  const url = `http://${app.config.host.includes(':') ? `[${app.config.host}]` : app.config.host}:${port}`;
  await app.lock?.advertise(url, cliToken);
  return {
    url,
    http,
    async close() {
      retention.stop();
      await http.close();
      await background.stop();
      await app.close();
    },
  };
}
