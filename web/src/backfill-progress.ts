/** Messages considered so far and on the server, summed over the folders being synced. */
export interface BackfillSample {
  at: number;
  considered: number;
  onServer: number;
}

export function sampleOf(
  folders: {
    selected: boolean;
    captured: number;
    ignored: number;
    failed: number;
    onServer: number | null;
  }[],
  at: number,
): BackfillSample {
  const chosen = folders.filter((folder) => folder.selected);
  return {
    at,
    considered: chosen.reduce((sum, f) => sum + f.captured + f.ignored + f.failed, 0),
    onServer: chosen.reduce((sum, f) => sum + (f.onServer ?? 0), 0),
  };
}

/**
 * Seconds left at the rate seen between two samples, or null before there is
 * a rate. The server's count includes mail older than the back-fill window,
 * so this is an upper bound.
 */
export function secondsLeft(first: BackfillSample, latest: BackfillSample): number | null {
  const done = latest.considered - first.considered;
  const seconds = (latest.at - first.at) / 1000;
  if (done <= 0 || seconds <= 0) return null;
  return Math.max(0, latest.onServer - latest.considered) / (done / seconds);
}
