import { readFileSync } from 'node:fs';

/** The nearest-rank percentile (`share` 0..1) of the values; 0 when there are none. */
export function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0;
}

export function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

/** This process's peak resident memory since it started (VmHWM), in MB. */
export function peakRssMb(): number {
  const line = readFileSync('/proc/self/status', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  const kb = Number(line?.replace(/\D+/g, '') ?? 0);
  return Math.round(kb / 1024);
}

/**
 * Samples this process's resident memory every 50 ms, for the peak of one
 * phase of a benchmark (`reset` when the phase starts); `stop` when done.
 */
export function sampleRss() {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    reset() {
      peak = process.memoryUsage().rss;
    },
    /** The peak since the last reset, in bytes. */
    peak: () => Math.max(peak, process.memoryUsage().rss),
    stop: () => clearInterval(timer),
  };
}
