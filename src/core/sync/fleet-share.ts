/** What a sync worker knows at a heartbeat to decide how many mailboxes to hold. */
export interface FleetView {
  /** Mailboxes this worker holds now. */
  readonly held: number;
  /** Connected, unpaused IMAP mailboxes in the organisation. */
  readonly liveMailboxes: number;
  /** Workers whose heartbeat is recent, this one included. */
  readonly liveWorkers: number;
  /** The worker's budget of mailboxes (one IMAP connection each). */
  readonly maxMailboxes: number;
  /** The worker's resident memory now, and its budget, in MB. */
  readonly rssMb: number;
  readonly maxRssMb: number;
}

/**
 * The most mailboxes a worker should hold: an even share of the live
 * mailboxes over the live workers, plus a little slack (a twentieth, at
 * least one) so uneven counts do not make mailboxes move back and forth;
 * never more than its budget.
 *
 * @example fairShare({ liveMailboxes: 1000, liveWorkers: 2, maxMailboxes: 5000 }) // 525
 */
export function fairShare(
  view: Pick<FleetView, 'liveMailboxes' | 'liveWorkers' | 'maxMailboxes'>,
): number {
  const even = Math.ceil(view.liveMailboxes / Math.max(1, view.liveWorkers));
  return Math.min(view.maxMailboxes, even + Math.max(1, Math.ceil(even / 20)));
}

/**
 * How many mailboxes to take (positive) or hand back (negative) at this
 * heartbeat. Over its memory budget a worker takes none, but keeps what it
 * has: handing mailboxes around would not free the memory of the others.
 *
 * @example mailboxesToTake({ held: 1000, liveMailboxes: 1000, liveWorkers: 2, maxMailboxes: 5000, rssMb: 90, maxRssMb: 1024 }) // -475
 * @example mailboxesToTake({ held: 2, liveMailboxes: 10, liveWorkers: 1, maxMailboxes: 5000, rssMb: 2000, maxRssMb: 1024 }) // 0
 */
export function mailboxesToTake(view: FleetView): number {
  const change = fairShare(view) - view.held;
  if (change > 0 && view.rssMb >= view.maxRssMb) return 0;
  return change;
}
