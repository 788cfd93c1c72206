/**
 * Live mail first within one process: while a pass of pushed mail runs (new
 * mail IDLE reported), other passes wait before each batch, so that the
 * live pass's many short steps (IMAP commands, reads, one small commit) do
 * not each queue behind a back-fill's batch for the event loop and the
 * store. A batch waits at most `maxWaitMs` at a time, so a stream of live
 * mail slows a back-fill without stopping it.
 *
 * @example
 * const live = liveFirst({ maxWaitMs: 2000 });
 * await live.during(() => passOfPushedMail()); // meanwhile `await live.clear()` waits
 */
export function liveFirst(options: { maxWaitMs: number }) {
  let running = 0;
  let waiting: (() => void)[] = [];

  const wake = () => {
    const woken = waiting;
    waiting = [];
    for (const resume of woken) resume();
  };

  return {
    /** Runs a live pass; other passes' batches wait for it. */
    during: async <T>(pass: () => Promise<T>): Promise<T> => {
      running += 1;
      try {
        return await pass();
      } finally {
        running -= 1;
        if (running === 0) wake();
      }
    },
    /** Resolves once no live pass runs, or after `maxWaitMs`. */
    clear: (): Promise<void> => {
      if (running === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const resume = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiting = waiting.filter((other) => other !== resume);
          resolve();
        }, options.maxWaitMs);
        waiting.push(resume);
      });
    },
  };
}

export type LiveFirst = ReturnType<typeof liveFirst>;
