import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { App } from '../app/open-app.js';
import { createRecordMeetingsService } from '../services/dav/record-meetings.js';
import { createBreakGlassService } from '../services/sharing/break-glass.js';
import { createTasksService } from '../services/tasks/tasks-service.js';
import { testMailboxConnection } from '../services/mailboxes/test-connection.js';
import { createReporting } from '../services/reports/report-export.js';
import { blocklistRoutes } from './routes/blocklist-routes.js';
import { breakGlassRoutes } from './routes/break-glass-routes.js';
import { captureAddressRoutes } from './routes/capture-address-routes.js';
import { cliRoutes } from './routes/cli-routes.js';
import { davRoutes } from './routes/dav-routes.js';
import { exportRoutes } from './routes/export-routes.js';
import { fleetRoutes } from './routes/fleet-routes.js';
import { fleetStatus } from '../services/sync/fleet-status.js';
import { inboxRoutes } from './routes/inbox-routes.js';
import { insightRoutes } from './routes/insight-routes.js';
import { linkRoutes } from './routes/link-routes.js';
import { liveRoutes } from './routes/live-routes.js';
import { mailReadRoutes } from './routes/mail-read-routes.js';
import { mailboxRoutes, type MailboxActions } from './routes/mailbox-routes.js';
import { oauthRoutes } from './routes/oauth-routes.js';
import { oauthDelegationRoutes } from './routes/oauth-delegation-routes.js';
import { senderAddressRoutes } from './routes/sender-address-routes.js';
import { sendingDomainRoutes } from './routes/sending-domain-routes.js';
import { privacyRoutes } from './routes/privacy-routes.js';
import { recordEditRoutes } from './routes/record-edit-routes.js';
import { providerPresetRoutes } from './routes/provider-preset-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { reviewRoutes } from './routes/review-routes.js';
import { ruleRoutes } from './routes/rule-routes.js';
import { sendRoutes } from './routes/send-routes.js';
import { trackingRoutes } from './routes/tracking-routes.js';
import { sharingRoutes } from './routes/sharing-routes.js';
import { taskRoutes } from './routes/task-routes.js';
import { templateRoutes } from './routes/template-routes.js';
import { undoRoutes } from './routes/undo-routes.js';
import { territoryRoutes } from './routes/territory-routes.js';
import { teamRoutes } from './routes/team-routes.js';
import { businessHoursRoutes } from './routes/business-hours-routes.js';
import { workflowRuleRoutes } from './routes/workflow-rule-routes.js';

/** Every route of the API beyond sign-in and records, as the server registers them. */
export function apiRoutes(
  app: App,
  sync: Pick<MailboxActions, 'requestSync' | 'syncNow'>,
): FastifyPluginAsyncZod[] {
  return [
    cliRoutes(app),
    mailReadRoutes(app.mailReads),
    sharingRoutes(app.sharing, app.audit),
    breakGlassRoutes(createBreakGlassService(app)),
    ruleRoutes(app.rules),
    workflowRuleRoutes(app.workflowRules, app.webhooks),
    territoryRoutes(app.assignmentSettings),
    teamRoutes(app.assignmentSettings),
    businessHoursRoutes(app.assignmentSettings),
    mailboxRoutes(app.mailboxes, {
      testConnection: (input) =>
        testMailboxConnection(input, app.mailboxes.access, () => app.clock.now().getTime()),
      requestSync: (mailbox) => sync.requestSync(mailbox),
      ...(sync.syncNow ? { syncNow: sync.syncNow } : {}),
    }),
    oauthRoutes({
      registrations: app.oauthClients,
      signIn: app.oauthSignIn,
      mailboxes: app.mailboxes,
      publicUrl: app.config.publicUrl,
      requestSync: (mailbox) => sync.requestSync(mailbox),
    }),
    oauthDelegationRoutes({
      delegations: app.oauthDelegations,
      onboarding: app.delegatedOnboarding,
      requestSync: (mailbox) => sync.requestSync(mailbox),
    }),
    linkRoutes(app.links),
    liveRoutes(app),
    undoRoutes(app.undo),
    providerPresetRoutes(),
    inboxRoutes(app.inbox),
    reviewRoutes(app.review),
    exportRoutes(app.readerExport),
    blocklistRoutes(app.blocklist),
    captureAddressRoutes(app.captureAddresses),
    privacyRoutes(app),
    insightRoutes(app.connections),
    reportRoutes(createReporting(app)),
    recordEditRoutes(app.recordEditing, app.records),
    taskRoutes(createTasksService(app)),
    sendRoutes(app.send),
    sendingDomainRoutes(app.sendingDomains),
    senderAddressRoutes(app.senderAddresses),
    templateRoutes(app.templates),
    trackingRoutes(app.tracking),
    davRoutes(app.dav, createRecordMeetingsService(app.database)),
    fleetRoutes(
      () =>
        fleetStatus(app.database, app.clock.now(), {
          leaseSeconds: app.config.syncLeaseSeconds,
          syncInServer: app.config.syncInServer,
        }),
      {
        metrics: app.config.metrics,
      },
    ),
  ];
}
