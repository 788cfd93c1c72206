import { readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

/** A relative `.js` path in compiled code: an import, or a worker file named with `new URL`. */
const relativeModule = /['"](\.{1,2}\/[^'"]+\.js)['"]/g;

/**
 * The sources under `root/src` that changed after `root/dist/src` was built,
 * among the modules the compiled `entry` loads (a path relative to `src`,
 * ending in `.js`). Follows only the compiled modules it reaches, so an edit
 * elsewhere in `src` does not ask for a build that these tests do not need.
 * Compares each module with its own source, as `tsc --watch` rewrites only
 * the files it recompiles.
 *
 * @example
 * staleSources(root, 'adapters/db/embedded-database.js')
 * // ['src/adapters/db/embedded-pglite.ts'] after editing that file
 */
export function staleSources(root: string, entry: string): string[] {
  const stale: string[] = [];
  const seen = new Set<string>();
  const pending = [entry];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (seen.has(next)) continue;
    seen.add(next);
    const sourcePath = `src/${next.replace(/\.js$/, '.ts')}`;
    const source = statSync(join(root, sourcePath), { throwIfNoEntry: false });
    if (!source) continue;
    const compiledPath = join(root, 'dist/src', next);
    const compiled = statSync(compiledPath, { throwIfNoEntry: false });
    if (!compiled || compiled.mtimeMs < source.mtimeMs) {
      stale.push(sourcePath);
      continue;
    }
    for (const [, specifier] of readFileSync(compiledPath, 'utf8').matchAll(relativeModule)) {
      pending.push(posix.join(posix.dirname(next), specifier!));
    }
  }
  return stale.sort();
}
