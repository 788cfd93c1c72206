import { resolve } from 'node:path';
import { z } from 'zod';
import { exportCrmDirectory } from '../services/crm-csv/export-crm.js';
import { importCrmDirectory } from '../services/crm-csv/import-crm.js';
import { directoryBeforeChange } from '../services/capture/refile-after-change.js';
import type { App } from '../app/open-app.js';
import type { DataCommand } from './command-context.js';
import { createProgressReporter } from './progress.js';

export const crmDirectoryOptions = z.object({
  dir: z
    .string()
    .min(1)
    .transform((dir) => resolve(dir)),
});

/** Exit code 0 when every row imported, 2 when some rows were reported, 1 on failure. */
export const crmImport: DataCommand<z.infer<typeof crmDirectoryOptions>> = {
  async run({ app, out, err, signal, interactive }, { dir }) {
    const before = await directoryBeforeChange(app);
    const report = await importCrmDirectory(app.database, dir, { signal });
    for (const [file, counts] of Object.entries(report.files)) {
      out(
        `${file}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed\n`,
      );
    }
    for (const warning of report.warnings) {
      err(
        `warning: ${warning.file}:${warning.line}${warning.column ? ` column ${warning.column}` : ''}: ${warning.reason}\n`,
      );
    }
    for (const error of report.errors) {
      err(
        `error: ${error.file}:${error.line}${error.column ? ` column ${error.column}` : ''}: ${error.reason}\n`,
      );
    }
    if (Object.keys(report.files).length === 0) {
      err(`No CRM CSV files found in ${dir}\n`);
      return 1;
    }
    // New or changed records change what stored mail is about: the mail they concern is decided again.
    const counts = await refiled(app, await app.refiling.queue(before, null), {
      err,
      signal,
      interactive,
    });
    out(
      `mail re-evaluated where the changes concern it: ${counts.messages} messages, ${counts.nowCaptured} now captured, ${counts.noLongerCaptured} no longer captured, links ${counts.linksAdded} added, ${counts.linksRemoved} removed, ${counts.linksUpdated} updated\n`,
    );
    return report.errors.length > 0 ? 2 : 0;
  },
};

export const crmExport: DataCommand<z.infer<typeof crmDirectoryOptions>> = {
  async run({ app, out }, { dir }) {
    const counts = await exportCrmDirectory(app.database, dir);
    for (const [file, rows] of Object.entries(counts)) out(`${file}: ${rows} rows\n`);
    return 0;
  },
};

/** Waits for the re-filing run, showing its progress, and answers its counts. */
async function refiled(
  app: Pick<App, 'refiling' | 'clock'>,
  runId: string | null,
  io: { err: (text: string) => void; signal: AbortSignal; interactive: boolean },
): Promise<Record<string, number>> {
  const none = { messages: 0, nowCaptured: 0, noLongerCaptured: 0 };
  const empty = { ...none, linksAdded: 0, linksRemoved: 0, linksUpdated: 0 };
  if (runId === null) return empty;
  const progress = createProgressReporter(io.err, io.interactive, () => app.clock.now().getTime());
  const run = await app.refiling.finished(runId, {
    signal: io.signal,
    onProgress: (shown) => progress.update(shown.done, shown.done, shown.total ?? 0),
  });
  if (run.state === 'failed') throw new Error(`Re-filing stored mail failed: ${run.error}`);
  return { ...empty, ...run.counts };
}
