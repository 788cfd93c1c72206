import { describe, expect, it, vi } from 'vitest';
import { liveFirst } from './live-first.js';

/** A promise and what settles it. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('live mail first', () => {
  it('lets a batch go at once while no live pass runs', async () => {
    const live = liveFirst({ maxWaitMs: 1000 });
    let passed = false;
    await live.clear().then(() => (passed = true));
    expect(passed).toBe(true);
  });

  it('holds a batch until every live pass has ended', async () => {
    const live = liveFirst({ maxWaitMs: 60_000 });
    const first = deferred();
    const second = deferred();
    const passes = [live.during(() => first.promise), live.during(() => second.promise)];
    let released = false;
    const batch = live.clear().then(() => (released = true));
    first.resolve();
    await passes[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toBe(false);
    second.resolve();
    await batch;
    expect(released).toBe(true);
  });

  it('releases a batch after the longest wait though live passes keep running', async () => {
    vi.useFakeTimers();
    try {
      const live = liveFirst({ maxWaitMs: 2000 });
      const endless = deferred();
      void live.during(() => endless.promise);
      let released = false;
      void live.clear().then(() => (released = true));
      await vi.advanceTimersByTimeAsync(1999);
      expect(released).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(released).toBe(true);
      endless.resolve();
    } finally {
      vi.useRealTimers();
    }
  });

  it('ends a live pass that fails as one that succeeds, and says why it failed', async () => {
    const live = liveFirst({ maxWaitMs: 60_000 });
    await expect(
      live.during(() => Promise.reject(new Error('IMAP connection lost'))),
    ).rejects.toThrow('IMAP connection lost');
    let released = false;
    await live.clear().then(() => (released = true));
    expect(released).toBe(true);
  });
});
