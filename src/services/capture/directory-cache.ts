import type { Database } from '../../adapters/db/database.js';
import { directorySnapshotRepository } from '../../adapters/db/repositories/directory-snapshot.js';

export type DirectorySnapshotData = Awaited<ReturnType<typeof loadDirectorySnapshot>>;

/** Reads the whole CRM directory the decision core works on. */
export async function loadDirectorySnapshot(database: Database) {
  const repository = directorySnapshotRepository(database);
  const [users, settings, accounts, contacts, leads, deals, cases, blocked, doNotTrack, rules] =
    await Promise.all([
      repository.users(),
      repository.settings(),
      repository.accounts(),
      repository.contacts(),
      repository.leads(),
      repository.deals(),
      repository.cases(),
      repository.blocklist(),
      repository.doNotTrack(),
      repository.rules(),
    ]);
  // Do-not-track is consent, not configuration: it lives in its own table,
  // stops capture exactly as an organisation block-list entry does, and
  // on its own tells capture to keep nothing of the mail but its key.
  const blocklist = [...blocked, ...doNotTrack];
  const setting = (key: string) => settings.find((row) => row.key === key)?.value;
  const internalDomains = setting('internal_domains');
  const casePatterns = setting('case_patterns');
  return {
    users,
    settings: {
      internalDomains: Array.isArray(internalDomains) ? internalDomains.map(String) : [],
      casePatterns:
        typeof casePatterns === 'string' && casePatterns ? casePatterns.split('\n') : [],
    },
    accounts,
    contacts,
    leads,
    deals,
    cases,
    blocklist,
    doNotTrack: doNotTrack.map((row) => row.pattern),
    rules,
  };
}

/**
 * The decision core's view of the CRM, built once and reused until the CRM
 * changes. Several processes may share a server database, so a cached view
 * also expires after `maxAgeMs`.
 */
export function createDirectoryCache<Index>(
  database: Database,
  buildIndex: (snapshot: DirectorySnapshotData) => Index,
  options: { maxAgeMs: number; now: () => number },
) {
  let cached: { index: Index; builtAt: number } | null = null;
  let building: Promise<Index> | null = null;
  return {
    async current(): Promise<Index> {
      if (cached && options.now() - cached.builtAt < options.maxAgeMs) return cached.index;
      building ??= loadDirectorySnapshot(database)
        .then((snapshot) => {
          const index = buildIndex(snapshot);
          cached = { index, builtAt: options.now() };
          return index;
        })
        .finally(() => {
          building = null;
        });
      return building;
    },
    /** Call after any CRM change so the next decision sees it. */
    async invalidate(): Promise<void> {
      cached = null;
      await building?.catch(() => undefined);
    },
  };
}
