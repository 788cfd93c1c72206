import type { Database } from '../../adapters/db/database.js';
import { refileScope, type RefileScope } from '../../core/capture/refile-scope.js';
import { buildDirectoryIndex, type DirectorySnapshot } from '../../core/directory/index.js';
import { loadDirectorySnapshot } from './directory-cache.js';
import { refileMessages, type ReevaluationCounts } from './reevaluate.js';

export interface RefilingDeps {
  readonly database: Database;
  readonly directory: { invalidate(): Promise<void> };
}

export interface RefilingOptions {
  signal?: AbortSignal;
  now?: () => Date;
  onProgress?: (done: number) => void;
}

/** The CRM as it is before a change, for `refileAfterChange` to compare against. */
export function directoryBeforeChange(deps: Pick<RefilingDeps, 'database'>) {
  return loadDirectorySnapshot(deps.database);
}

/**
 * After a change to the CRM, decides again only the stored mail the change
 * concerns: the directory before and after it says which (`refileScope`).
 * Manual links stay as they are.
 */
export async function refileAfterChange(
  deps: RefilingDeps,
  before: DirectorySnapshot,
  options: RefilingOptions = {},
): Promise<{ scope: RefileScope; counts: ReevaluationCounts }> {
  await deps.directory.invalidate();
  const after = await loadDirectorySnapshot(deps.database);
  const scope = refileScope(before, after);
  const counts = await refileMessages(deps.database, buildDirectoryIndex(after), scope, options);
  return { scope, counts };
}

/** Makes a change to the CRM, then re-files the stored mail it concerns. */
export async function changeAndRefile<Result>(
  deps: RefilingDeps,
  change: () => Promise<Result>,
  options: RefilingOptions = {},
): Promise<{ result: Result; scope: RefileScope; counts: ReevaluationCounts }> {
  const before = await directoryBeforeChange(deps);
  const result = await change();
  return { result, ...(await refileAfterChange(deps, before, options)) };
}
