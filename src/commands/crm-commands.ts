import { resolve } from 'node:path';
import { z } from 'zod';
import { exportCrmDirectory } from '../services/crm-csv/export-crm.js';
import { importCrmDirectory } from '../services/crm-csv/import-crm.js';
import { changeAndRefile } from '../services/capture/refile-after-change.js';
import type { DataCommand } from './command-context.js';

export const crmDirectoryOptions = z.object({
  dir: z
    .string()
    .min(1)
    .transform((dir) => resolve(dir)),
});

/** Exit code 0 when every row imported, 2 when some rows were reported, 1 on failure. */
export const crmImport: DataCommand<z.infer<typeof crmDirectoryOptions>> = {
  async run({ app, out, err, signal }, { dir }) {
    // New or changed records change what stored mail is about: the mail they concern is decided again.
    const {
      result: report,
      counts,
      scope,
    } = await changeAndRefile(app, () => importCrmDirectory(app.database, dir, { signal }), {
      signal,
      now: () => app.clock.now(),
    });
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
    out(
      `mail re-evaluated${scope.everything ? '' : ' where the changes concern it'}: ${counts.messages} messages, ${counts.nowCaptured} now captured, ${counts.noLongerCaptured} no longer captured, links ${counts.linksAdded} added, ${counts.linksRemoved} removed, ${counts.linksUpdated} updated\n`,
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
