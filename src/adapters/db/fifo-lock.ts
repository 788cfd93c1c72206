/**
 * A first-come, first-served lock. The embedded store has one connection: a
 * transaction must own it from BEGIN to COMMIT, and whoever asked first must
 * be served first, or a caller's write could overtake its own earlier one.
 */
export interface FifoLock {
  /** Waits for every earlier holder to release, then resolves with this holder's release. */
  acquire(): Promise<() => void>;
  /** Runs `work` while holding the lock. */
  run<T>(work: () => Promise<T>): Promise<T>;
}

export function createFifoLock(): FifoLock {
  let tail: Promise<void> = Promise.resolve();
  const acquire = (): Promise<() => void> => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const turn = tail.then(() => release);
    tail = tail.then(() => released);
    return turn;
  };
  return {
    acquire,
    async run(work) {
      const release = await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}
