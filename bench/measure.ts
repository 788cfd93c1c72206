import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The middle value (the lower of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

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
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  return {
    /** Starts the phase; returns the resident memory it starts from, in bytes. */
    reset() {
      peak = process.memoryUsage.rss();
      return peak;
    },
    /** The peak since the last reset, in bytes. */
    peak: () => Math.max(peak, process.memoryUsage.rss()),
    stop: () => clearInterval(timer),
  };
}

/** CPU time spent while a benchmark phase ran, in seconds. */
export interface CpuSpent {
  /** This process, all its threads (the parse workers, the embedded store). */
  readonly process: number;
  /**
   * The whole machine, every process: with the PostgreSQL server and Dovecot,
   * whose work a product can shift onto them but not make disappear.
   */
  readonly machine: number;
}

/** Starts counting CPU time; `stop` says how much was spent since. */
export function meterCpu(): { stop(): CpuSpent } {
  const processBefore = process.cpuUsage();
  const machineBefore = machineBusySeconds();
  return {
    stop() {
      const spent = process.cpuUsage(processBefore);
      return {
        process: (spent.user + spent.system) / 1e6,
        machine: machineBusySeconds() - machineBefore,
      };
    },
  };
}

/**
 * Time all cores spent running anything since boot, from /proc/stat: user,
 * nice, system, irq and softirq (not idle, I/O wait or time stolen by a
 * hypervisor). Its ticks are USER_HZ, 100 per second on Linux.
 */
function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = line
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (user + nice + system + irq + softirq) / 100;
}

/** CPU milliseconds per message, to a hundredth, as printed. */
export function msPerMessage(seconds: number, messages: number): string {
  return (messages === 0 ? 0 : (seconds * 1000) / messages).toFixed(2);
}

/**
 * Runs one part of a benchmark in a fresh Node process, so that its memory is
 * its own, and returns the result it hands back with `reportToParent`. The
 * child's output goes straight to ours; a child that fails, or ends without
 * reporting, fails the benchmark.
 */
export function runChild<T>(
  script: URL,
  env: Record<string, string>,
  execArgv: readonly string[] = [],
): Promise<T> {
  const name = basename(fileURLToPath(script));
  return new Promise((resolve, reject) => {
    const child = fork(script, { env: { ...process.env, ...env }, execArgv: [...execArgv] });
    let reported: { result: T } | null = null;
    child.on('message', (result) => (reported = { result: result as T }));
    child.on('error', reject);
    // `close`, not `exit`: the IPC channel is drained by then, so a report is never missed.
    child.on('close', (code, signal) => {
      if (code === 0 && reported) resolve(reported.result);
      else {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        reject(new Error(`${name} ${how}${reported ? '' : ' without reporting a result'}`));
      }
    });
  });
}

/**
 * In a child started by `runChild`: hands the result to the parent and closes
 * the channel, so the process ends once its own work is done. Run by hand, it
 * prints the result as JSON instead.
 */
export async function reportToParent(result: unknown): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) {
    console.log(JSON.stringify(result));
    return;
  }
  await new Promise<void>((resolve, reject) =>
    send(result, undefined, undefined, (error) => (error ? reject(error) : resolve())),
  );
  process.disconnect();
}

/**
 * The Node flags the product runs with: those on the first line of
 * bin/threadline.js (`#!/usr/bin/env -S node <flags>`), so that a benchmark
 * measures the product as it is started.
 */
export function productNodeFlags(): string[] {
  const launcher = readFileSync(new URL('../../bin/threadline.js', import.meta.url), 'utf8');
  const shebang = launcher.split('\n', 1)[0] ?? '';
  return shebang.split(/\s+/).filter((word) => word.startsWith('--'));
}
