import type { Database } from '../../adapters/db/database.js';
import { refileScope, type RefileScope } from '../../core/capture/refile-scope.js';
import { buildDirectoryIndex } from '../../core/directory/index.js';
import { loadDirectorySnapshot } from './directory-cache.js';
import { refileMessages, type ReevaluationCounts } from './reevaluate.js';

export interface RefilingDeps {
  readonly database: Database;
  readonly directory: { invalidate(): Promise<void> };
}

/**
 * Makes a change to the CRM, then decides again only the stored mail the
 * change concerns: the directory before and after the change says which
 * (`refileScope`). Manual links stay as they are.
 */
export async function changeAndRefile<Result>(
  deps: RefilingDeps,
  change: () => Promise<Result>,
  options: { signal?: AbortSignal; now?: () => Date; onProgress?: (done: number) => void } = {},
): Promise<{ result: Result; scope: RefileScope; counts: ReevaluationCounts }> {
  const before = await loadDirectorySnapshot(deps.database);
  const result = await change();
  await deps.directory.invalidate();
  const after = await loadDirectorySnapshot(deps.database);
  const scope = refileScope(before, after);
  const counts = await refileMessages(deps.database, buildDirectoryIndex(after), scope, options);
  return { result, scope, counts };
}
