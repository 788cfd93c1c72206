import type { SyncReport } from './sync-mailbox.js';

/**
 * What this process's sync passes did since it started, for the metrics:
 * messages stored, and failures by code (a failed connection, or a folder).
 */
export function syncTally() {
  let stored = 0;
  const errors: Record<string, number> = {};
  const count = (code: string) => {
    errors[code] = (errors[code] ?? 0) + 1;
  };
  return {
    record: (report: SyncReport | 'unreachable'): void => {
      if (report === 'unreachable') count('DATABASE_UNAVAILABLE');
      else if (report.status === 'failed') count(report.code);
      else if (report.status === 'done') {
        for (const folder of report.folders) {
          stored += folder.captured + folder.ignored + folder.quarantined;
          if (folder.error) count(folder.error.code);
        }
      }
    },
    stored: () => stored,
    errors: (): Record<string, number> => ({ ...errors }),
  };
}

export type SyncTally = ReturnType<typeof syncTally>;
