import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type EmbeddedModule = typeof import('../../src/adapters/db/embedded-database.js');

const compiled = fileURLToPath(
  new URL('../../dist/src/adapters/db/embedded-database.js', import.meta.url),
);

/**
 * The embedded store as the product runs it: the compiled module, whose
 * worker thread only loads as JavaScript (`npm test` builds first). Without a
 * build, the sources, which run PGlite on the calling thread.
 */
export async function loadEmbeddedModule(): Promise<EmbeddedModule> {
  if (existsSync(compiled)) return (await import(compiled)) as EmbeddedModule;
  return import('../../src/adapters/db/embedded-database.js');
}
