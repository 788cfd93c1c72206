import { describe, expect, it } from 'vitest';
import { createFifoLock } from './fifo-lock.js';

describe('FIFO lock', () => {
  it('serves holders in the order they asked, one at a time', async () => {
    const lock = createFifoLock();
    const events: string[] = [];
    const hold = (name: string, ms: number) =>
      lock.run(async () => {
        events.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        events.push(`${name} out`);
      });
    await Promise.all([hold('a', 30), hold('b', 0), hold('c', 10)]);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });

  it('releases when the work fails', async () => {
    const lock = createFifoLock();
    await expect(lock.run(async () => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
    expect(await lock.run(async () => 'next')).toBe('next');
  });

  it('hands out a release that the holder calls when done', async () => {
    const lock = createFifoLock();
    const release = await lock.acquire();
    let second = false;
    const waiting = lock.run(async () => {
      second = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(second).toBe(false);
    release();
    await waiting;
    expect(second).toBe(true);
  });
});
