/** A sync worker as its last heartbeat described it. */
export interface WorkerReport {
  readonly name: string;
  readonly heartbeatAt: Date;
  readonly held: number;
  readonly connections: number;
}

/** A mailbox, who holds it, and when its slowest folder last synced. */
export interface HeldMailbox {
  readonly id: string;
  readonly holder: string | null;
  readonly lastSuccessAt: Date | null;
}

export interface WorkerHealth {
  readonly name: string;
  readonly alive: boolean;
  readonly heartbeatAgeSeconds: number;
  readonly held: number;
  readonly connections: number;
  /** The largest lag over the mailboxes it holds; null while one has never synced. */
  readonly lagSeconds: number | null;
}

const secondsBetween = (from: Date, to: Date) =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

/**
 * Each worker's health: alive while its heartbeat is younger than
 * `deadAfterSeconds`; its lag is its worst mailbox's.
 *
 * @example workerHealth([{ name: 'a', heartbeatAt: t0, held: 1, connections: 1 }], [{ id: 'm', holder: 'a', lastSuccessAt: t0 }], t0plus30s, 15)
 * // [{ name: 'a', alive: false, heartbeatAgeSeconds: 30, held: 1, connections: 1, lagSeconds: 30 }]
 */
export function workerHealth(
  workers: readonly WorkerReport[],
  mailboxes: readonly HeldMailbox[],
  now: Date,
  deadAfterSeconds: number,
): WorkerHealth[] {
  return workers.map((worker) => {
    const held = mailboxes.filter((mailbox) => mailbox.holder === worker.name);
    const lags = held.map((mailbox) =>
      mailbox.lastSuccessAt ? secondsBetween(mailbox.lastSuccessAt, now) : null,
    );
    const heartbeatAgeSeconds = secondsBetween(worker.heartbeatAt, now);
    return {
      name: worker.name,
      alive: heartbeatAgeSeconds < deadAfterSeconds,
      heartbeatAgeSeconds,
      held: worker.held,
      connections: worker.connections,
      lagSeconds: lags.some((lag) => lag === null)
        ? null
        : lags.reduce<number>((worst, lag) => Math.max(worst, lag!), 0),
    };
  });
}
