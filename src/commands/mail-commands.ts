import { resolve } from 'node:path';
import { z } from 'zod';
import { ThreadlineError } from '../core/errors.js';
import { isGoneWorker, workerName } from '../adapters/system/workers.js';
import { syncMailboxOnce, type SyncDeps } from '../services/sync/sync-mailbox.js';
import { importMailFiles } from '../services/capture/import-mail-files.js';
import { fleetStatus, type FleetStatus } from '../services/sync/fleet-status.js';
import type { DataCommand } from './command-context.js';
import { createProgressReporter } from './progress.js';

export const mailImportOptions = z.object({
  inputs: z
    .array(
      z
        .string()
        .min(1)
        .transform((path) => resolve(path)),
    )
    .min(1),
  owner: z.string().min(1),
});

/** `threadline mail import`: exit 0 when every message was taken in, 2 when some were quarantined or unreadable. */
export const mailImport: DataCommand<z.infer<typeof mailImportOptions>> = {
  async run({ app, out, err, interactive, signal }, { inputs, owner }) {
    const mailbox = await app.mailboxes.importMailboxOf(owner);
    const progress = createProgressReporter(err, interactive, () => app.clock.now().getTime());
    const summary = await importMailFiles(
      inputs,
      mailbox,
      (target, items) => app.ingest.ingestBatch(target, items),
      {
        signal,
        onProgress: (count, done, total) => progress.update(count, done, total),
      },
    );
    progress.finish(summary.read);
    const ignored = Object.entries(summary.ignored)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([category, count]) => `${category} ${count}`);
    out(
      `Read ${summary.read} messages for ${owner}: ${summary.captured} captured, ` +
        `${Object.values(summary.ignored).reduce((a, b) => a + b, 0)} ignored` +
        (ignored.length ? ` (${ignored.join(', ')})` : '') +
        `, ${summary.quarantined} quarantined, ${summary.duplicates} already stored.\n`,
    );
    for (const problem of summary.unreadable)
      err(`unreadable: ${problem.source}: ${problem.reason}\n`);
    return summary.quarantined + summary.unreadable.length > 0 ? 2 : 0;
  },
};

export const mailboxStatusOptions = z.object({
  owner: z.string().nullable(),
  json: z.boolean(),
  all: z.boolean().default(false),
});

/**
 * `threadline mailbox status`: health per mailbox and folder; with `--all`,
 * the sync workers first (what each holds, connections, lag) and each
 * mailbox's holder.
 */
export const mailboxStatus: DataCommand<z.input<typeof mailboxStatusOptions>> = {
  async run({ app, out }, { owner, json, all = false }) {
    const ownerId = owner ? ((await app.auth.findUserByEmail(owner))?.id ?? null) : null;
    const statuses = await Promise.all(
      (await app.mailboxes.list(ownerId)).map((m) => app.mailboxes.status(m)),
    );
    const fleet = all
      ? await fleetStatus(app.database, app.clock.now(), {
          leaseSeconds: app.config.syncLeaseSeconds,
          syncInServer: app.config.syncInServer,
        })
      : null;
    if (json) {
      out(`${JSON.stringify(fleet ? { fleet, mailboxes: statuses } : statuses, null, 2)}\n`);
      return 0;
    }
    if (fleet) out(fleetLines(fleet));
    const holders = new Map(fleet?.mailboxes.map((m) => [m.id, m.holder ?? 'nobody']));
    if (statuses.length === 0) out('No mailboxes.\n');
    for (const status of statuses) {
      const { mailbox } = status;
      out(
        `${mailbox.ownerEmail} / ${mailbox.label} (${mailbox.kind}): ${status.state === 'live' ? status.stateText : status.state}` +
          (status.code ? ` ${status.code}` : '') +
          (status.state === 'retrying' ? ` (attempt ${status.attempt})` : '') +
          (status.lagSeconds !== null ? `, lag ${status.lagSeconds}s` : '') +
          (status.message ? ` — ${status.message}` : '') +
          (holders.has(mailbox.id) ? `, held by ${holders.get(mailbox.id)}` : '') +
          '\n',
      );
      for (const folder of status.folders) {
        out(
          `  ${folder.selected ? ' ' : '-'} ${folder.path}: ${folder.state === 'not_synced' ? 'not synced' : folder.state}${folder.code ? ` ${folder.code}` : ''}, ` +
            `server ${folder.onServer ?? '?'}, captured ${folder.captured}, ignored ${folder.ignored}, failed ${folder.failed}\n`,
        );
      }
    }
    return 0;
  },
};

/** The workers, one line each, then a blank line. */
function fleetLines(fleet: FleetStatus): string {
  if (fleet.workers.length === 0) return 'No sync workers (`threadline worker`).\n\n';
  const lines = fleet.workers.map(
    (worker) =>
      `worker ${worker.name} (${worker.alive ? 'alive' : `silent ${worker.heartbeatAgeSeconds}s`}): ` +
      `${worker.held} mailboxes held, ${worker.connections} connections, ` +
      `${worker.rssMb} MB, ${worker.queueDepth} passes queued` +
      `, lag ${worker.lagSeconds === null ? 'not yet synced' : `${worker.lagSeconds}s`}\n`,
  );
  return `${lines.join('')}\n`;
}

export const mailboxSyncOptions = z.object({
  owner: z.string().nullable(),
  batchSize: z.number().int().min(1).max(5000),
});

/**
 * `threadline mailbox sync`: one sync pass now over the IMAP mailboxes (of
 * one owner), the same pass the background workers run, under the same lease.
 */
export const mailboxSync: DataCommand<z.infer<typeof mailboxSyncOptions>> = {
  async run({ app, out, err, signal }, { owner, batchSize }) {
    const ownerId = owner ? ((await app.auth.findUserByEmail(owner))?.id ?? null) : null;
    if (owner && !ownerId) throw new ThreadlineError('NOT_FOUND', `No user with e-mail ${owner}`);
    const deps: SyncDeps = {
      database: app.database,
      ingest: app.ingest,
      clock: app.clock,
      openSession: app.openMailboxSession,
      batchSize,
      maxMessageBytes: app.config.attachmentMaxBytes,
      leaseSeconds: app.config.syncLeaseSeconds,
      onProgress: (path, fetched) => err(`${path}: ${fetched} messages\n`),
    };
    let failed = 0;
    for (const mailbox of (await app.mailboxes.list(ownerId)).filter((m) => m.kind === 'imap')) {
      const report = await syncMailboxOnce(deps, mailbox.id, {
        worker: workerName('cli'),
        holderGone: isGoneWorker,
        signal,
      });
      const name = `${mailbox.ownerEmail} / ${mailbox.label}`;
      if (report.status === 'leased') out(`${name}: another worker is syncing it\n`);
      else if (report.status === 'paused') out(`${name}: paused\n`);
      else if (report.status === 'failed') {
        failed += 1;
        out(`${name}: ${report.code} — ${report.message}\n`);
      } else {
        for (const folder of report.folders) {
          if (folder.error) failed += 1;
          out(
            `${name} ${folder.path}: ${folder.fetched} read, ${folder.captured} captured, ` +
              `${folder.ignored} ignored, ${folder.quarantined} quarantined` +
              (folder.error ? ` — ${folder.error.code}: ${folder.error.message}` : '') +
              '\n',
          );
        }
      }
    }
    return failed > 0 ? 2 : 0;
  },
};
