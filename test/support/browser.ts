import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { Database } from '../../src/adapters/db/database.js';
import { loadConfig } from '../../src/config/config.js';
import { openApp, type App } from '../../src/app/open-app.js';
import { defaultWebRoot, startServer } from '../../src/http/start-server.js';
import { loopbackMailServers } from './loopback-mail-servers.js';
import { adminCredentials } from './test-app.js';
import { openTestDatabase, type Backend } from './test-database.js';

const chromiumPath = '/usr/bin/chromium';

/**
 * Where the browser tests save their screenshots: the README's own with
 * `npm run screenshots`, else beside the other test output, so a test run
 * leaves the checkout as it found it.
 */
export const screenshots = resolve(
  process.env.THREADLINE_SCREENSHOTS === 'docs' ? 'docs/screenshots' : '.test-data/screenshots',
);

/** Fails early and clearly when the built UI or Debian's Chromium is missing. */
export async function requireBrowserSetup(): Promise<void> {
  if (!existsSync(join(defaultWebRoot, 'index.html'))) {
    throw new Error(`${defaultWebRoot} is missing: run \`npm run build\` before the browser tests`);
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: run scripts/install-test-deps.sh`);
  }
  await mkdir(screenshots, { recursive: true });
}

/** Chromium with a fresh profile in a temporary directory; `close` removes both. */
export async function launchBrowser(viewport = { width: 1280, height: 800 }) {
  const profileDir = await mkdtemp(join(tmpdir(), 'threadline-chromium-'));
  // Playwright owns --user-data-dir: a persistent context is how a chosen profile is passed.
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    // Without the background-networking flags Chromium tries hosts a closed network refuses.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
    viewport,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** The product's core on a test database, with the test admin, as `threadline start` builds it. */
export function openBrowserTestCore(
  database: Database,
  options: Omit<NonNullable<Parameters<typeof openApp>[1]>, 'database'> = {},
) {
  return openApp(
    loadConfig({
      THREADLINE_DATA_DIR: '.test-data/unused',
      PORT: '0',
      THREADLINE_LOG_LEVEL: 'silent',
      THREADLINE_ADMIN_EMAIL: adminCredentials.email,
      THREADLINE_ADMIN_PASSWORD: adminCredentials.password,
      ...loopbackMailServers,
    }),
    { ...options, database },
  );
}

/**
 * Signs in through the sign-in form, waiting for it first: a page still
 * signing out can show other fields labelled "E-mail" (an admin's invitation
 * form); then waits for the signed-in navigation.
 */
export async function signIn(page: Page, user: { email: string; password: string }) {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('E-mail').fill(user.email);
  await form.getByLabel('Password').fill(user.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** Signs out whoever is signed in, signs `user` in and opens Settings from the navigation. */
export async function openSettings(page: Page, user: { email: string; password: string }) {
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if (await signOut.isVisible()) await signOut.click();
  await signIn(page, user);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
}

/** Calls the API of the server at `baseUrl` with a bearer token; any answer but a 2xx fails the test. */
export function bearerApi(baseUrl: () => string, token: () => string) {
  return async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token()}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    });
    if (response.status >= 300) {
      throw new Error(`${init.method ?? 'GET'} ${path} answered ${response.status}`);
    }
    return (await response.json()) as T;
  };
}

/** Chromium signed in to the app at `url` as `user`, on the Settings page. */
export async function openSettingsAs(url: string, user: { email: string; password: string }) {
  const browser = await launchBrowser({ width: 1280, height: 900 });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(8_000);
  await page.goto(url);
  await signIn(page, user);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  return { browser, page };
}

/**
 * `threadline start` over a fresh test database, seeded by `seed` before it
 * starts, and a browser signed in as the test admin; `close` ends all three.
 */
export async function openSignedInBrowser<Seeded>(
  backend: Backend,
  seed: (core: App) => Promise<Seeded>,
  viewport?: { width: number; height: number },
) {
  const handle = await openTestDatabase(backend);
  const core = await openBrowserTestCore(handle.database);
  const seeded = await seed(core);
  const server = await startServer(core);
  const browser = await launchBrowser(viewport);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(8_000);
  await page.goto(server.url);
  await signIn(page, adminCredentials);
  return {
    seeded,
    server,
    page,
    async close() {
      await browser.close();
      await server.http.close();
      await handle.drop();
    },
  };
}
