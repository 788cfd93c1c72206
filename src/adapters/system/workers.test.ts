import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isGoneWorker, workerName } from './workers.js';

/** The id of a process of this machine that has ended. */
async function endedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

describe('workers in mailbox claims', () => {
  it('judges gone a worker of this machine whose process has ended', async () => {
    const pid = await endedPid();
    const name = workerName().replace(/:\d+$/, `:${pid}`);
    expect(isGoneWorker(name)).toBe(true);
    expect(isGoneWorker(`cli:${name}`)).toBe(true);
  });

  it('never judges gone this process, a running one, another machine or a name it cannot read', async () => {
    const pid = await endedPid();
    expect(isGoneWorker(workerName())).toBe(false);
    expect(isGoneWorker(workerName('cli'))).toBe(false);
    expect(isGoneWorker(workerName().replace(/:\d+$/, `:${process.ppid}`))).toBe(false);
    expect(isGoneWorker(`elsewhere.example:${pid}`)).toBe(false);
    expect(isGoneWorker(`elsewhere.example/4026531836:${pid}`)).toBe(false);
    expect(isGoneWorker('test')).toBe(false);
  });
});
