import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { loadConfig } from '../../src/config/config.js';
import { buildHttpApp, type HttpApp } from '../../src/http/app.js';
import { openApp, type App } from '../../src/app/open-app.js';
import { loopbackMailServers } from './loopback-mail-servers.js';
import { openTestDatabase, type Backend } from './test-database.js';

export const adminCredentials = {
  email: 'admin@threadline.test',
  password: 'correct horse battery',
};

/**
 * The wired application on a fresh database of the given backend, with a first admin;
 * `databaseUrl` lets a test open a second connection pool, as a second instance would;
 * `env` adds settings (e.g. `PORT: '0'` for a server on an ephemeral port).
 */
export async function openTestApp(
  backend: Backend,
  env: Record<string, string> = {},
): Promise<App & { readonly databaseUrl: string | null }> {
  const handle = await openTestDatabase(backend);
  const config = loadConfig({
    THREADLINE_DATA_DIR: '.test-data/unused',
    THREADLINE_LOG_LEVEL: 'silent',
    THREADLINE_ADMIN_EMAIL: adminCredentials.email,
    THREADLINE_ADMIN_PASSWORD: adminCredentials.password,
    ...loopbackMailServers,
    // The sending suites send as the admin through mailboxes of other logins; the
    // sender-address suites turn it on.
    THREADLINE_VERIFY_SENDER_ADDRESSES: 'off',
    ...env,
  });
  const core = await openApp(config, { database: handle.database });
  return { ...core, databaseUrl: handle.url, close: () => handle.drop() };
}

/** The HTTP app with only the given routes, no web UI and no logs: a route test's app. */
export function routesOnlyApp(core: App, plugins: FastifyPluginAsyncZod[]): Promise<HttpApp> {
  return buildHttpApp(core, {
    webRoot: null,
    secureCookies: false,
    localCliToken: null,
    logLevel: 'silent',
    plugins,
  });
}
