import { isThreadlineError, ThreadlineError } from '../../core/errors.js';
import type { Database } from './database.js';
import { crmSchema } from './migrations/001-crm.js';
import { mailSchema } from './migrations/002-mail.js';
import { sharingSchema } from './migrations/004-sharing.js';
import { privacySchema } from './migrations/005-privacy.js';
import { reviewSchema } from './migrations/006-review.js';
import { reviewHoldSchema } from './migrations/007-review-hold.js';
import { messageIdIndexSchema } from './migrations/008-message-id-index.js';
import { searchTermsSchema } from './migrations/009-search-terms.js';
import { bodyCompressionSchema } from './migrations/010-body-compression.js';
import { leaseCheckSchema } from './migrations/011-lease-check.js';
import { copyContentSchema } from './migrations/012-copy-content.js';
import { signInAttemptsSchema } from './migrations/013-sign-in-attempts.js';
import { safeHtmlSchema } from './migrations/014-safe-html.js';
import { listIndexesSchema } from './migrations/015-list-indexes.js';
import { dealDatesSchema } from './migrations/016-deal-dates.js';
import { meetingsSchema } from './migrations/017-meetings.js';
import { userAdminSchema } from './migrations/018-user-admin.js';
import { mailboxEditSchema } from './migrations/019-mailbox-edit.js';
import { bouncedAddressesSchema } from './migrations/020-bounced-addresses.js';
import { outboxSchema } from './migrations/021-outbox.js';
import { captureAddressSchema } from './migrations/022-capture-address.js';
import { senderAuthSchema } from './migrations/023-sender-auth.js';
import { workflowRulesSchema } from './migrations/024-workflow-rules.js';
import { davSourcesSchema } from './migrations/025-dav-sources.js';
import { oauthSchema } from './migrations/026-oauth.js';
import { crmEditingSchema } from './migrations/027-crm-editing.js';
import { messageTemplatesSchema } from './migrations/028-message-templates.js';
import { trackingSchema } from './migrations/029-tracking.js';
import { refilingAndUndoSchema } from './migrations/030-refiling-and-undo.js';
import { davScaleSchema } from './migrations/032-dav-scale.js';
import { inboxPollingSchema } from './migrations/033-inbox-polling.js';
import { deliveryStatusSchema } from './migrations/034-delivery-status.js';
import { sendingDomainsSchema } from './migrations/035-sending-domains.js';
import { senderAddressesSchema } from './migrations/036-sender-addresses.js';
import { syncWorkersSchema } from './migrations/037-sync-workers.js';
import { reportAggregatesSchema } from './migrations/038-report-aggregates.js';
import { rulePassAndTeamsSchema } from './migrations/039-rule-pass-and-teams.js';
import { dealDetailsTasksBreakGlassSchema } from './migrations/040-deal-details-tasks-break-glass.js';
import { organisationMailSchema } from './migrations/041-organisation-mail.js';
import { statisticsOnlySchema } from './migrations/042-statistics-only.js';
import { calendarChangesSchema } from './migrations/043-calendar-changes.js';
import { syncRequestsSchema } from './migrations/044-sync-requests.js';
import { reportMarksByCopySchema } from './migrations/045-report-marks-by-copy.js';
import { workerPresenceSchema } from './migrations/046-worker-presence.js';
import { ruleEventCursorsSchema } from './migrations/047-rule-event-cursors.js';

export interface Migration {
  readonly id: string;
  readonly sql: string;
}

/** Every migration, in the order they apply. Never edit one that has shipped: add another. */
export const migrations: readonly Migration[] = [
  { id: '001-crm', sql: crmSchema },
  { id: '002-mail', sql: mailSchema },
  { id: '004-sharing', sql: sharingSchema },
  { id: '005-privacy', sql: privacySchema },
  { id: '006-review', sql: reviewSchema },
  { id: '007-review-hold', sql: reviewHoldSchema },
  { id: '008-message-id-index', sql: messageIdIndexSchema },
  { id: '009-search-terms', sql: searchTermsSchema },
  { id: '010-body-compression', sql: bodyCompressionSchema },
  { id: '011-lease-check', sql: leaseCheckSchema },
  { id: '012-copy-content', sql: copyContentSchema },
  { id: '013-sign-in-attempts', sql: signInAttemptsSchema },
  { id: '014-safe-html', sql: safeHtmlSchema },
  { id: '015-list-indexes', sql: listIndexesSchema },
  { id: '016-deal-dates', sql: dealDatesSchema },
  { id: '017-meetings', sql: meetingsSchema },
  { id: '018-user-admin', sql: userAdminSchema },
  { id: '019-mailbox-edit', sql: mailboxEditSchema },
  { id: '020-bounced-addresses', sql: bouncedAddressesSchema },
  { id: '021-outbox', sql: outboxSchema },
  { id: '022-capture-address', sql: captureAddressSchema },
  { id: '023-sender-auth', sql: senderAuthSchema },
  { id: '024-workflow-rules', sql: workflowRulesSchema },
  { id: '025-dav-sources', sql: davSourcesSchema },
  { id: '026-oauth', sql: oauthSchema },
  { id: '027-crm-editing', sql: crmEditingSchema },
  { id: '028-message-templates', sql: messageTemplatesSchema },
  { id: '029-tracking', sql: trackingSchema },
  { id: '030-refiling-and-undo', sql: refilingAndUndoSchema },
  { id: '032-dav-scale', sql: davScaleSchema },
  { id: '033-inbox-polling', sql: inboxPollingSchema },
  { id: '034-delivery-status', sql: deliveryStatusSchema },
  { id: '035-sending-domains', sql: sendingDomainsSchema },
  { id: '036-sender-addresses', sql: senderAddressesSchema },
  { id: '037-sync-workers', sql: syncWorkersSchema },
  { id: '038-report-aggregates', sql: reportAggregatesSchema },
  { id: '039-rule-pass-and-teams', sql: rulePassAndTeamsSchema },
  { id: '040-deal-details-tasks-break-glass', sql: dealDetailsTasksBreakGlassSchema },
  { id: '041-organisation-mail', sql: organisationMailSchema },
  { id: '042-statistics-only', sql: statisticsOnlySchema },
  { id: '043-calendar-changes', sql: calendarChangesSchema },
  { id: '044-sync-requests', sql: syncRequestsSchema },
  { id: '045-report-marks-by-copy', sql: reportMarksByCopySchema },
  { id: '046-worker-presence', sql: workerPresenceSchema },
  { id: '047-rule-event-cursors', sql: ruleEventCursorsSchema },
];

/** Arbitrary constant: serialises concurrent migrators on a shared PostgreSQL server. */
const migrationLockKey = 7_401_223;

/**
 * Applies the migrations of `list` (the product's unless a test passes its
 * own) not yet applied, in order, each in its own transaction, and returns
 * the ids it applied. A migration that fails is rolled back alone: the ones
 * before it stay applied and recorded, and the error names it. Each
 * transaction takes the migration lock and checks again that no other
 * process applied the migration meanwhile, so two processes starting
 * together apply each migration once, in order.
 *
 * @example
 * await migrate(database) // ['014-safe-html', '015-list-indexes'] on a store last migrated by 013
 */
export async function migrate(
  database: Database,
  list: readonly Migration[] = migrations,
): Promise<string[]> {
  // Under the lock: PostgreSQL lets two concurrent `IF NOT EXISTS` creations collide.
  await database.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await tx.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
  });
  const done = new Set(
    (await database.query<{ id: string }>('SELECT id FROM schema_migrations')).map((row) => row.id),
  );
  const applied: string[] = [];
  for (const migration of list) {
    if (done.has(migration.id)) continue;
    if (await applyOnce(database, migration)) applied.push(migration.id);
  }
  return applied;
}

/** Applies and records `migration` unless another process has; whether this one did. */
async function applyOnce(database: Database, migration: Migration): Promise<boolean> {
  try {
    return await database.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
      const recorded = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [
        migration.id,
      ]);
      if (recorded.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
      return true;
    });
  } catch (error) {
    throw new ThreadlineError(
      isThreadlineError(error) ? error.code : 'INTERNAL',
      `Migration ${migration.id} failed (the migrations before it are applied): ${error instanceof Error ? error.message : String(error)}`,
      { migration: migration.id },
    );
  }
}
