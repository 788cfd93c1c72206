import { setTimeout as delay } from 'node:timers/promises';
import type { Database } from '../../adapters/db/database.js';
import {
  refileRunsRepository,
  type RefileRunRow,
} from '../../adapters/db/repositories/refile-runs.js';
import type { JobQueue } from '../../adapters/queue/job-queue.js';
import type { Clock } from '../../adapters/system/clock.js';
import {
  isNothingToRefile,
  refileScope,
  type RefileScope,
} from '../../core/capture/refile-scope.js';
import { buildDirectoryIndex, type DirectorySnapshot } from '../../core/directory/index.js';
import { ThreadlineError } from '../../core/errors.js';
import type { LiveUpdates } from '../live/live-updates.js';
import { loadDirectorySnapshot } from './directory-cache.js';
import { refileMessages } from './reevaluate.js';

const queueName = 'refile-after-change';
/** Finished runs stay in the progress list this long, so a page sees them end. */
const finishedShownMs = 60_000;
/** At most this often a running run writes how far it has got. */
const progressEveryMs = 250;

export interface BackgroundRefilingDeps {
  readonly database: Database;
  readonly directory: { invalidate(): Promise<void> };
  readonly clock: Clock;
  readonly queue: () => Promise<JobQueue>;
  readonly live: Pick<LiveUpdates, 'announce'>;
}

/** A re-filing run as the API and the UI show it. */
export type RefileProgress = Omit<RefileRunRow, 'requestedBy'>;

/**
 * Re-filing after a CRM change, in the background: the change queues a run
 * for the stored mail it concerns (the directory before and after says
 * which) and is answered at once; a worker on the job queue decides those
 * messages again against the CRM as it then is, writing how far it has got.
 * Manual links stay as they are (`refileMessages`).
 */
export function createBackgroundRefiling(deps: BackgroundRefilingDeps) {
  const runs = refileRunsRepository(deps.database);
  let working: Promise<void> | null = null;
  /** Runs this process is working, so a wait here ends the moment one does. */
  const local = new Map<string, Promise<void>>();
  /**
   * The CRM as a run queued here saw it after its change: its worker, when
   * in this process, need not read it again. A later change queues a run of
   * its own, worked after this one, for the mail it concerns.
   */
  const seen = new Map<string, DirectorySnapshot>();

  async function run(runId: string): Promise<void> {
    const scope = (await runs.scope(runId)) as RefileScope | null;
    if (!scope) return;
    const snapshot = seen.get(runId) ?? (await loadDirectorySnapshot(deps.database));
    seen.delete(runId);
    const directory = buildDirectoryIndex(snapshot);
    let shownAt = 0;
    try {
      const counts = await refileMessages(deps.database, directory, scope, {
        now: () => deps.clock.now(),
        onTotal: async (total) => {
          await runs.start(runId, total);
          await deps.live.announce('refiling', [runId]);
        },
        onProgress: async (done) => {
          if (Date.now() - shownAt < progressEveryMs) return;
          shownAt = Date.now();
          await runs.progress(runId, done);
          await deps.live.announce('refiling', [runId]);
        },
      });
      await runs.finish(runId, { counts, at: deps.clock.now() });
      await deps.live.announce('links', []);
    } catch (error) {
      await runs.finish(runId, { error: String(error), at: deps.clock.now() });
    }
    await deps.live.announce('refiling', [runId]);
  }

  /** Works runs in this process; on a shared server any process may take one. */
  function work(): Promise<void> {
    working ??= deps.queue().then((queue) =>
      queue.work<{ runId: string }>(queueName, async ({ runId }) => {
        const running = run(runId);
        local.set(runId, running);
        await running.finally(() => local.delete(runId));
      }),
    );
    return working;
  }

  return {
    work,

    /**
     * Queues the re-filing a change calls for, `before` being the CRM as it
     * was; null when the change concerns no stored mail.
     */
    async queue(before: DirectorySnapshot, requestedBy: string | null): Promise<string | null> {
      await deps.directory.invalidate();
      const after = await loadDirectorySnapshot(deps.database);
      const scope = refileScope(before, after);
      if (isNothingToRefile(scope)) return null;
      const runId = await runs.create({ requestedBy, scope, at: deps.clock.now() });
      if (seen.size >= 100) seen.clear();
      seen.set(runId, after);
      await work();
      await (await deps.queue()).send(queueName, { runId }, { retryLimit: 0 });
      await deps.live.announce('refiling', [runId]);
      return runId;
    },

    /** Runs not yet finished and those finished in the last minute, oldest first. */
    async progress(): Promise<RefileProgress[]> {
      const since = new Date(deps.clock.now().getTime() - finishedShownMs);
      return (await runs.recent(since)).map(({ requestedBy: _by, ...run }) => run);
    },

    /** Waits for a run to finish and answers it as it ended, telling `onProgress` meanwhile. */
    async finished(
      runId: string,
      options: { onProgress?: (run: RefileProgress) => void; signal?: AbortSignal } = {},
    ): Promise<RefileProgress> {
      for (;;) {
        await local.get(runId);
        const row = await runs.get(runId);
        if (!row) throw new ThreadlineError('NOT_FOUND', `No re-filing run ${runId}`);
        const { requestedBy: _by, ...shown } = row;
        if (row.state === 'done' || row.state === 'failed') return shown;
        options.onProgress?.(shown);
        await delay(50, undefined, options.signal ? { signal: options.signal } : {});
      }
    },

    /** Waits until no run is queued or running, in any process. */
    async settled(): Promise<void> {
      for (;;) {
        await Promise.all(local.values());
        const open = (await runs.recent(deps.clock.now())).filter(
          (row) => row.state === 'queued' || row.state === 'running',
        );
        if (open.length === 0) return;
        await delay(50);
      }
    },
  };
}

export type BackgroundRefiling = ReturnType<typeof createBackgroundRefiling>;
