import type { DavService, DavSyncResult } from './dav-service.js';

/**
 * Syncs every calendar and address book, one after the other, every
 * `everySeconds` (never when 0), so CRM edits reach the phones and phone
 * edits come back without anyone asking. A pass never overlaps the one
 * before; `stop` waits for the one running.
 */
export function startDavPolling(
  dav: DavService,
  options: { everySeconds: number; onResult?: (id: string, result: DavSyncResult) => void },
) {
  const controller = new AbortController();
  let running: Promise<void> | null = null;
  const admin = { id: '00000000-0000-0000-0000-000000000000', isAdmin: true };
  const pass = async () => {
    for (const source of await dav.list(admin)) {
      if (controller.signal.aborted) return;
      const result = await dav.sync(source.id, admin, controller.signal);
      options.onResult?.(source.id, result);
    }
  };
  const timer =
    options.everySeconds > 0
      ? setInterval(() => {
          // A pass longer than the interval is not queued behind: the next tick after it starts one.
          running ??= pass()
            .catch(() => undefined)
            .finally(() => {
              running = null;
            });
        }, options.everySeconds * 1000)
      : null;
  return {
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      controller.abort();
      await running;
    },
  };
}
