import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleSources } from './stale-build.js';

type EmbeddedModule = typeof import('../../src/adapters/db/embedded-database.js');

const root = fileURLToPath(new URL('../../', import.meta.url));
const entry = 'adapters/db/embedded-database.js';
const compiled = join(root, 'dist/src', entry);

/**
 * The embedded store as the product runs it: the compiled module, whose
 * worker thread only loads as JavaScript (`npm test` builds first). Without a
 * build, the sources, which run PGlite on the calling thread. Refuses a build
 * older than its sources, whose tests would pass or fail on code that is gone.
 */
export async function loadEmbeddedModule(): Promise<EmbeddedModule> {
  if (!existsSync(compiled)) return import('../../src/adapters/db/embedded-database.js');
  const stale = staleSources(root, entry);
  if (stale.length > 0) {
    throw new Error(
      `dist/ is older than ${stale.join(', ')}: run \`npm run build\` (or \`npx tsc -p tsconfig.build.json\`) before these tests`,
    );
  }
  return (await import(compiled)) as EmbeddedModule;
}
