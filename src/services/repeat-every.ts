/**
 * Runs `work` every `everyMs` until stopped, one run at a time: a run that
 * takes longer than the interval delays the next rather than overlapping
 * it. A failed run goes to `onError` and the next one runs as planned.
 */
export function repeatEvery(
  everyMs: number,
  work: () => Promise<unknown>,
  onError: (error: unknown) => void,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    running = running.then(() => (stopped ? undefined : work().catch(onError)));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
