import type { Core } from '../../src/main.js';
import { importCrmDirectory } from '../../src/services/crm-csv/import-crm.js';

/** Test data only: raw messages joined into one mbox file's content. */
export const mbox = (messages: readonly string[]) =>
  messages
    .map((m) => `From sender@example Mon Mar  3 10:00:00 2025\n${m.replace(/\r\n/g, '\n')}`)
    .join('\n');

/** Loads test/fixtures/crm/realistic into a core and refreshes its directory. */
export async function importRealisticCrm(core: Pick<Core, 'database' | 'directory'>) {
  const report = await importCrmDirectory(core.database, 'test/fixtures/crm/realistic', {
    now: () => new Date(),
  });
  if (report.errors.length > 0) throw new Error(JSON.stringify(report.errors));
  await core.directory.invalidate();
}
