import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { defaultWebRoot } from '../../src/main.js';

const chromiumPath = '/usr/bin/chromium';

/** Where the browser tests save the screenshots the README shows. */
export const screenshots = resolve('docs/screenshots');

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
