import type { AttachmentStore } from '../../adapters/attachments/attachment-store.js';
import type { Database } from '../../adapters/db/database.js';
import { auditLogRepository } from '../../adapters/db/repositories/audit-log.js';
import { mailCleanupRepository } from '../../adapters/db/repositories/mail-cleanup.js';
import { retentionRepository } from '../../adapters/db/repositories/retention.js';
import { settingsRepository } from '../../adapters/db/repositories/settings.js';
import type { Clock } from '../../adapters/system/clock.js';
import type { Actor } from './person.js';

/** How long mail content is kept. null days: forever. */
export interface RetentionSettings {
  /** Bodies (text and HTML) of messages older than this many days are removed. */
  bodyDays: number | null;
  /** Attachments of messages older than this many days are removed. */
  attachmentDays: number | null;
  /**
   * true: what is left of an old message (who, when, subject, links) stays.
   * false: a message past `bodyDays` is deleted whole.
   */
  keepMetadata: boolean;
}

export interface RetentionOutcome {
  bodiesRemoved: number;
  attachmentsRemoved: number;
  filesRemoved: number;
  messagesDeleted: number;
}

const settingKey = 'retention';
const dayMs = 86_400_000;

export const defaultRetention: RetentionSettings = {
  bodyDays: null,
  attachmentDays: null,
  keepMetadata: true,
};

/** Who the audit log names for scheduled runs, which no user starts. */
const retentionActorEmail = 'system:retention';

export async function readRetention(database: Database): Promise<RetentionSettings> {
  const stored = await settingsRepository(database).setting(settingKey);
  if (!stored || typeof stored !== 'object') return defaultRetention;
  const value = stored as Partial<RetentionSettings>;
  const days = (n: unknown) => (typeof n === 'number' && n > 0 ? n : null);
  return {
    bodyDays: days(value.bodyDays),
    attachmentDays: days(value.attachmentDays),
    keepMetadata: value.keepMetadata !== false,
  };
}

export async function saveRetention(
  database: Database,
  clock: Clock,
  actor: Actor,
  settings: RetentionSettings,
): Promise<RetentionSettings> {
  await settingsRepository(database).saveSetting(settingKey, settings);
  await auditLogRepository(database).append({
    actorId: actor.id,
    actorEmail: actor.email,
    action: 'privacy.retention.update',
    targetType: 'settings',
    targetId: settingKey,
    details: { ...settings },
    at: clock.now(),
  });
  return settings;
}

/**
 * Applies the retention settings once: bodies and attachments of messages
 * older than their limits go (attachment files too, once no message refers to
 * them), and without `keepMetadata` old messages go whole. Audited with the
 * counts whenever a limit is set.
 */
export async function applyRetention(
  database: Database,
  attachments: AttachmentStore,
  clock: Clock,
): Promise<RetentionOutcome> {
  const settings = await readRetention(database);
  const outcome: RetentionOutcome = {
    bodiesRemoved: 0,
    attachmentsRemoved: 0,
    filesRemoved: 0,
    messagesDeleted: 0,
  };
  if (settings.bodyDays === null && settings.attachmentDays === null) return outcome;
  const cutoff = (days: number) => new Date(clock.now().getTime() - days * dayMs);
  const removedBlobs = await database.transaction(async (tx) => {
    const repository = retentionRepository(tx);
    const cleanup = mailCleanupRepository(tx);
    const hashes = new Set<string>();
    if (settings.bodyDays !== null && !settings.keepMetadata) {
      const before = cutoff(settings.bodyDays);
      for (const hash of await repository.attachmentHashesBefore(before)) hashes.add(hash);
      const deleted = await repository.deleteMessagesBefore(before);
      outcome.messagesDeleted = deleted.messages;
      await cleanup.recomputeThreads(deleted.threads);
    } else if (settings.bodyDays !== null) {
      outcome.bodiesRemoved = await repository.dropBodiesBefore(cutoff(settings.bodyDays));
    }
    if (settings.attachmentDays !== null) {
      const dropped = await repository.dropAttachmentsBefore(cutoff(settings.attachmentDays));
      outcome.attachmentsRemoved = dropped.count;
      for (const hash of dropped.hashes) hashes.add(hash);
    }
    const removed = await cleanup.deleteUnreferencedBlobs([...hashes]);
    outcome.filesRemoved = removed.length;
    await auditLogRepository(tx).append({
      actorId: null,
      actorEmail: retentionActorEmail,
      action: 'privacy.retention.apply',
      targetType: 'settings',
      targetId: settingKey,
      details: { ...settings, ...outcome },
      at: clock.now(),
    });
    return removed;
  });
  // After the commit, so a rolled-back run cannot lose files still referenced.
  for (const hash of removedBlobs) await attachments.remove(hash);
  return outcome;
}

/** Runs `applyRetention` now and then every day; the timer never keeps the process alive. */
export function scheduleRetention(
  run: () => Promise<unknown>,
  onError: (error: unknown) => void,
  everyMs = dayMs,
): { stop(): void } {
  const tick = () => {
    run().catch(onError);
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  const first = setTimeout(tick, 60_000);
  first.unref();
  return {
    stop() {
      clearInterval(timer);
      clearTimeout(first);
    },
  };
}

/** Retention bound to the store, the attachment files and the clock: what the privacy routes and the daily run call. */
export function createRetentionService(deps: {
  database: Database;
  attachments: AttachmentStore;
  clock: Clock;
}) {
  return {
    read: () => readRetention(deps.database),
    save: (actor: Actor, settings: RetentionSettings) =>
      saveRetention(deps.database, deps.clock, actor, settings),
    apply: () => applyRetention(deps.database, deps.attachments, deps.clock),
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
