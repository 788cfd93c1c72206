import type { Database } from '../../adapters/db/database.js';
import type { Clock } from '../../adapters/system/clock.js';
import type { DirectoryIndex, DirectorySnapshot } from '../../core/directory/index.js';
import { loadDirectorySnapshot } from '../capture/directory-cache.js';
import { reevaluateMessages, type ReevaluationCounts } from '../capture/reevaluate.js';

export interface DirectoryChangeDeps {
  database: Database;
  clock: Clock;
  directory: { current(): Promise<DirectoryIndex>; invalidate(): Promise<void> };
}

/** The CRM as it was before a change, for `afterDirectoryChange` to compare against. */
export function directoryBeforeChange(deps: Pick<DirectoryChangeDeps, 'database'>) {
  return loadDirectorySnapshot(deps.database);
}

/**
 * The one way every edit of the CRM made in Threadline (create, edit,
 * archive, merge, a lead's conversion) reaches stored mail: the decision
 * directory is rebuilt and stored messages are decided again, links added
 * and removed as the new CRM says, manual links untouched. `before` is the
 * CRM as it was, so the re-filing can be limited to what the change concerns.
 */
export async function afterDirectoryChange(
  deps: DirectoryChangeDeps,
  _before: DirectorySnapshot,
): Promise<ReevaluationCounts> {
  await deps.directory.invalidate();
  return reevaluateMessages(deps.database, await deps.directory.current(), {
    now: () => deps.clock.now(),
  });
}
