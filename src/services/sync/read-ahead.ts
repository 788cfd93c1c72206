/**
 * Batches from a source, the next one fetched ahead only when asked.
 *
 * A sync has one IMAP connection, and the server answers its commands one
 * after the other. Fetched ahead as soon as a batch is handed over, the next
 * batch's headers would go out just before that batch's bodies, which would
 * then wait for them: about 45 ms of a 145 ms batch at 20,000 messages. The
 * sync asks for the next headers once the batch in hand has its bodies, when
 * the connection would otherwise stand idle while the batch is parsed and stored.
 */
export interface ReadAhead<T> {
  /** The next batch: the one fetched ahead, or fetched now. */
  next(): Promise<IteratorResult<T>>;
  /** Starts fetching the batch after the one in hand, unless it is already coming. */
  fetchNext(): void;
  /** Lets a fetch in flight settle, then ends the source. */
  close(): Promise<void>;
}

export function readAhead<T>(source: AsyncGenerator<T>): ReadAhead<T> {
  /** Asked for and not yet handed over: at most one batch is ever ahead. */
  let coming: Promise<IteratorResult<T>> | null = null;
  return {
    async next() {
      const result = coming ?? source.next();
      coming = result;
      try {
        return await result;
      } finally {
        coming = null;
      }
    },
    fetchNext() {
      if (coming) return;
      coming = source.next();
      // Awaited by next() or close(); a failure must not go unhandled meanwhile.
      coming.catch(() => undefined);
    },
    async close() {
      await coming?.catch(() => undefined);
      await source.return(undefined);
    },
  };
}
