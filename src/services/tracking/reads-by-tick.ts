/**
 * Reads of single rows by id gathered into one read per turn of the event
 * loop: requests arriving together (a burst of pixel and link requests
 * under load) cost the store one statement instead of one each. Resolves
 * null for an id `loadMany` did not return; a failed read fails every
 * request it gathered.
 *
 * @example
 * const byId = readsByTick((ids) => repo.rows(ids));
 * await Promise.all([byId('a'), byId('b')]); // one call: rows(['a', 'b'])
 */
export function readsByTick<Row extends { readonly id: string }>(
  loadMany: (ids: readonly string[]) => Promise<Row[]>,
): (id: string) => Promise<Row | null> {
  interface Waiter {
    resolve(row: Row | null): void;
    reject(error: Error): void;
  }
  let waiting = new Map<string, Waiter[]>();

  async function read(): Promise<void> {
    const batch = waiting;
    waiting = new Map();
    try {
      const rows = new Map((await loadMany([...batch.keys()])).map((row) => [row.id, row]));
      for (const [id, waiters] of batch) for (const w of waiters) w.resolve(rows.get(id) ?? null);
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const waiters of batch.values()) for (const w of waiters) w.reject(failure);
    }
  }

  return (id) =>
    new Promise<Row | null>((resolve, reject) => {
      if (waiting.size === 0) setImmediate(() => void read());
      waiting.set(id, [...(waiting.get(id) ?? []), { resolve, reject }]);
    });
}
