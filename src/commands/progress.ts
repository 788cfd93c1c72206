/** Formats seconds as `1h02m`, `3m05s` or `42s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600)
    return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

export interface ProgressSnapshot {
  count: number;
  /** Work done and total in some unit (bytes read of the inputs); total 0 when unknown. */
  done: number;
  total: number;
  elapsedMs: number;
}

/**
 * One progress line: count, rate, and time left estimated from the share of
 * the work done (bytes, for mail files, since an mbox's message count is
 * unknown until it has been read).
 *
 * @example progressLine({ count: 500, done: 50, total: 100, elapsedMs: 10_000 }) // '500 messages · 50/s · 50% · 10s left'
 */
export function progressLine(snapshot: ProgressSnapshot): string {
  const seconds = snapshot.elapsedMs / 1000;
  const rate = seconds > 0 ? snapshot.count / seconds : 0;
  const parts = [`${snapshot.count} messages`, `${Math.round(rate)}/s`];
  if (snapshot.total > 0) {
    const share = Math.min(1, snapshot.done / snapshot.total);
    parts.push(`${Math.floor(share * 100)}%`);
    if (share > 0 && share < 1)
      parts.push(`${formatDuration((seconds / share) * (1 - share))} left`);
  }
  return parts.join(' · ');
}

/** Writes progress to a terminal as one rewritten line, or every few seconds as plain lines otherwise. */
export function createProgressReporter(
  write: (text: string) => void,
  interactive: boolean,
  now: () => number,
) {
  const started = now();
  let lastWrite = 0;
  return {
    update(count: number, done: number, total: number): void {
      const at = now();
      if (at - lastWrite < (interactive ? 100 : 5000)) return;
      lastWrite = at;
      const line = progressLine({ count, done, total, elapsedMs: at - started });
      write(interactive ? `\r\x1b[2K${line}` : `${line}\n`);
    },
    finish(count: number): void {
      const line = progressLine({ count, done: 1, total: 1, elapsedMs: now() - started });
      write(interactive ? `\r\x1b[2K${line}\n` : `${line}\n`);
    },
  };
}
