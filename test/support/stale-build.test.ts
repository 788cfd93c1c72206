import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleSources } from './stale-build.js';
import { temporaryFolders } from './temporary-folders.js';

const folders = temporaryFolders('threadline-stale-build-');
afterEach(folders.removeAll);

const built = new Date('2026-01-02T00:00:00Z');
const before = new Date('2026-01-01T00:00:00Z');
const after = new Date('2026-01-03T00:00:00Z');

/** A project whose files carry the given content and modification time. */
async function project(files: Record<string, readonly [string, Date]>): Promise<string> {
  const root = await folders.dir();
  for (const [path, [content, time]] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
    await utimes(join(root, path), time, time);
  }
  return root;
}

const compiledStore = [
  `import { a } from './a.js';\nconst worker = new URL('./worker.js', import.meta.url);`,
  built,
] as const;

describe('staleSources', () => {
  it('finds nothing when every module the entry loads was built after its source', async () => {
    const root = await project({
      'src/db/store.ts': ['', before],
      'src/db/a.ts': ['', before],
      'src/db/worker.ts': ['', before],
      'dist/src/db/store.js': compiledStore,
      'dist/src/db/a.js': [`import pg from 'pg';`, built],
      'dist/src/db/worker.js': ['', built],
    });
    expect(staleSources(root, 'db/store.js')).toEqual([]);
  });

  it('names the imports and worker files edited after the build, or never built', async () => {
    const root = await project({
      'src/db/store.ts': ['', before],
      'src/db/a.ts': ['', after],
      'src/db/worker.ts': ['', before],
      'src/db/errors.ts': ['', after],
      'dist/src/db/store.js': compiledStore,
      'dist/src/db/a.js': ['', built],
      'dist/src/db/worker.js': [`import { e } from '../db/errors.js';`, built],
    });
    expect(staleSources(root, 'db/store.js')).toEqual(['src/db/a.ts', 'src/db/errors.ts']);
  });

  it('ignores sources the entry does not load', async () => {
    const root = await project({
      'src/db/store.ts': ['', before],
      'src/http/routes.ts': ['', after],
      'dist/src/db/store.js': ['', built],
    });
    expect(staleSources(root, 'db/store.js')).toEqual([]);
  });
});
