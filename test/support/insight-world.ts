import { buildHttpApp, type HttpApp } from '../../src/http/app.js';
import { insightRoutes } from '../../src/http/routes/insight-routes.js';
import { createConnectionsService } from '../../src/services/insight/connections-service.js';
import type { Backend } from './backends.js';
import { mail, openSharingWorld, type SharingWorld } from './sharing-world.js';

export const insightNow = new Date('2025-03-13T10:00:00Z');

/** Rita asks, Grace answers within the hour; a lawyer is copied on the answer. */
const ritaAsks = mail({
  id: '<ins-1@threadline.example>',
  from: 'rita@threadline.example',
  to: 'Grace Hopper <grace.hopper@acme.com>',
  subject: 'Renewal terms',
  date: 'Mon, 03 Mar 2025 10:00:00 +0000',
});
const graceAnswers = mail({
  id: '<ins-2@acme.com>',
  from: 'Grace Hopper <grace.hopper@acme.com>',
  to: 'rita@threadline.example',
  cc: 'counsel@lawfirm.example',
  subject: 'RE: Renewal terms',
  date: 'Mon, 03 Mar 2025 10:30:00 +0000',
  headers: ['In-Reply-To: <ins-1@threadline.example>', 'References: <ins-1@threadline.example>'],
});
/** Ravi writes once, ten days later, and hears nothing. */
const raviWrites = mail({
  id: '<ins-3@threadline.example>',
  from: 'ravi@threadline.example',
  to: 'grace.hopper@acme.com',
  subject: 'Introduction',
  date: 'Thu, 13 Mar 2025 09:00:00 +0000',
});

/**
 * The sharing world with a small scripted history of the realistic CRM's
 * Acme: Rita asks Grace (CON-001) on DEAL-001 and Grace answers within the
 * hour, copying a lawyer; ten days later Ravi writes to Grace once, unanswered.
 * `appAt` serves the insight routes with the clock at any moment.
 */
export interface InsightWorld {
  world: SharingWorld;
  app: HttpApp;
  appAt(moment: Date): Promise<HttpApp>;
  grace: string;
  acme: string;
  renewal: string;
  close(): Promise<void>;
}

export async function openInsightWorld(backend: Backend): Promise<InsightWorld> {
  const world = await openSharingWorld(backend);
  await world.importMail('rita', ritaAsks, graceAnswers);
  await world.importMail('ravi', raviWrites);
  const appAt = (moment: Date) =>
    buildHttpApp(world.core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: null,
      logLevel: 'silent',
      plugins: [
        insightRoutes(
          createConnectionsService({ database: world.core.database, clock: { now: () => moment } }),
        ),
      ],
    });
  const app = await appAt(insightNow);
  return {
    world,
    app,
    appAt,
    grace: await world.recordId('contacts', 'CON-001'),
    acme: await world.accountId('ACC-001'),
    renewal: await world.recordId('deals', 'DEAL-001'),
    async close() {
      await app.close();
      await world.close();
    },
  };
}
