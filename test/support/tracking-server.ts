import type { App } from '../../src/app/open-app.js';
import { buildHttpApp } from '../../src/http/app.js';
import { trackingRoutes } from '../../src/http/routes/tracking-routes.js';

/** The tracking pixel and redirects of `core`, served on a loopback port. */
export async function serveTracking(core: App, port: number) {
  const http = await buildHttpApp(core, {
    webRoot: null,
    secureCookies: false,
    localCliToken: null,
    logLevel: 'silent',
    plugins: [trackingRoutes(core.tracking)],
  });
  await http.listen({ host: '127.0.0.1', port });
  return http;
}
