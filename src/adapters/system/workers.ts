import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';

/** Whether a process of this machine runs: it answers a signal, or exists and refuses it. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The machine and its process-id namespace: two containers may share a host
 * name, yet a process id means something only inside its own namespace.
 */
function processSpace(): string {
  try {
    return `${hostname()}/${readlinkSync('/proc/self/ns/pid').replace(/\D/g, '')}`;
  } catch {
    return hostname();
  }
}

const here = processSpace();

/** This process's name in mailbox claims; `role` tells a one-off command from the server. */
export function workerName(role?: string): string {
  return `${role ? `${role}:` : ''}${here}:${process.pid}`;
}

/**
 * Whether the named worker was a process of this machine that no longer runs,
 * so its claims are stale. A worker elsewhere, or named otherwise, is never
 * judged gone: its claim lapses on its own.
 *
 * @example isGoneWorker(`${workerName()}`) // false: this very process
 */
export function isGoneWorker(name: string): boolean {
  const match = /(?:^|:)([^:]+):(\d+)$/.exec(name);
  if (match?.[1] !== here) return false;
  const pid = Number(match[2]);
  return pid !== process.pid && !isProcessAlive(pid);
}

/** This process's resident memory in MB. */
export function residentMb(): number {
  return process.memoryUsage.rss() / (1024 * 1024);
}
