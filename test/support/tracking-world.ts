import PostalMime from 'postal-mime';
import type { Backend } from './test-database.js';
import { freePort } from './dovecot.js';
import { openTestApp } from './test-app.js';
import { serveTracking } from './tracking-server.js';

/**
 * A test app whose public address is a real loopback port serving the
 * tracking pixel and redirects, with tracking allowed for the organisation.
 */
export async function openTrackingApp(backend: Backend, env: Record<string, string> = {}) {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const core = await openTestApp(backend, { THREADLINE_PUBLIC_URL: publicUrl, ...env });
  await core.tracking.setAllowed(true);
  const http = await serveTracking(core, port);
  return {
    core,
    http,
    publicUrl,
    async close() {
      await http.close();
      await core.close();
    },
  };
}

export type TrackingApp = Awaited<ReturnType<typeof openTrackingApp>>;

/** A delivered message's HTML, and the pixel's and the links' addresses in it. */
export async function trackingUrlsIn(source: string, publicUrl: string) {
  const html = (await PostalMime.parse(source)).html ?? '';
  const unfolded = html.replace(/&amp;/g, '&');
  const pattern = new RegExp(
    `${publicUrl.replace(/[.:/]/g, '\\$&')}/t/([oc])/([A-Za-z0-9_-]+)`,
    'g',
  );
  const found = [...unfolded.matchAll(pattern)];
  return {
    html,
    pixel: found.filter((m) => m[1] === 'o').map((m) => m[0]),
    clicks: [...new Set(found.filter((m) => m[1] === 'c').map((m) => m[0]))],
  };
}
