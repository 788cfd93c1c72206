/**
 * The one queue contract. In-process for the embedded default; pg-boss on
 * PostgreSQL (server or embedded) when work spreads over several processes.
 */
export interface SendOptions {
  /**
   * At most one queued (not yet started) job per key: repeated sends collapse
   * into the one that starts first, so a job asked for now is never held back
   * by one of its key waiting to start later.
   */
  readonly singletonKey?: string;
  readonly startAfterSeconds?: number;
  readonly retryLimit?: number;
}

export type JobHandler<Data> = (data: Data) => Promise<void>;

export interface JobQueue {
  send<Data extends object>(queue: string, data: Data, options?: SendOptions): Promise<void>;
  /** Handles jobs of a queue with up to `concurrency` at once in this process. */
  work<Data extends object>(
    queue: string,
    handler: JobHandler<Data>,
    options?: { concurrency?: number },
  ): Promise<void>;
  /** Jobs of a queue waiting to start (retries and delayed ones included). */
  depth(queue: string): Promise<number>;
  stop(): Promise<void>;
}
