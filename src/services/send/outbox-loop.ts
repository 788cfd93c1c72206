import type { Logger } from '../../adapters/system/logger.js';
import type { OutboxWorker } from './outbox-worker.js';

/**
 * Runs the outbox worker every `intervalMs` in the background of a server:
 * the undo window is seconds long, so a second's poll of a partial index
 * (only scheduled rows) is both cheap and prompt. A pass never overlaps the
 * previous one; `stop` waits for the pass under way.
 */
export function startOutboxLoop(options: {
  worker: OutboxWorker;
  intervalMs: number;
  logger: Logger;
}) {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const pass = async () => {
    try {
      for (const outcome of await options.worker.sendDue()) {
        if (outcome.sent)
          options.logger.info({ id: outcome.id, sentCopy: outcome.sentCopy }, 'sent');
        else options.logger.warn({ id: outcome.id, code: outcome.code }, 'sending failed');
      }
    } catch (error) {
      options.logger.error({ err: error }, 'outbox pass failed');
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(schedule);
    }, options.intervalMs);
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
