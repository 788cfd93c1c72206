import type { Database } from '../../adapters/db/database.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import { forwardOriginalsRepository } from '../../adapters/db/repositories/forward-originals.js';
import type { SenderAuthChecker, SmtpEnvelope } from '../../adapters/sender-auth/check-sender.js';
import { quotesText } from '../../core/capture-address/forward-original.js';
import type { Clock } from '../../adapters/system/clock.js';
import type { IngestItem, IngestOutcome } from '../capture/batch-types.js';
import type { IngestService } from '../capture/ingest.js';
import { captureMailboxOf } from './capture-mailbox.js';
import { deliveryItems, type Delivery } from './delivery-items.js';

interface Waiting {
  readonly userId: string;
  readonly items: readonly IngestItem[];
  resolve(outcomes: IngestOutcome[]): void;
  reject(error: unknown): void;
}

/** Items stored together at most: a batch is one short transaction. */
const maxBatchItems = 250;

/**
 * Files what the SMTP receiver accepted, through the same capture pipeline
 * as IMAP mail, into each recipient's capture mailbox. Deliveries that
 * arrive while a batch is being stored wait and go together in the next
 * one: batches are stored one at a time, so two copies of one message never
 * race to be stored, and many small deliveries cost few transactions. A
 * delivery resolves once stored, so the sender hears 250 only for mail that
 * is filed.
 *
 * With `checkSender`, the sender of a delivered message is checked (SPF,
 * DKIM, DMARC, ARC) from the connection it came over. That verdict belongs to
 * the delivered message alone: a message unwrapped from a forward was sent by
 * someone else, over another connection, and is checked from its own content.
 *
 * An inline forward of a message one of the user's mailboxes already holds
 * files nothing for that user: the message is stored once.
 */
export function createCaptureDelivery(deps: {
  database: Database;
  clock: Clock;
  ingest: Pick<IngestService, 'ingestBatch'>;
  domain: string;
  checkSender?: SenderAuthChecker['fromSmtp'] | undefined;
}) {
  const waiting: Waiting[] = [];
  // A capture mailbox, once made, stays: only its id and owner matter to the pipeline.
  const mailboxes = new Map<string, MailboxRow>();
  const mailboxOf = async (userId: string) => {
    let mailbox = mailboxes.get(userId);
    if (!mailbox) {
      mailbox = await captureMailboxOf(deps.database, deps.clock, userId);
      mailboxes.set(userId, mailbox);
    }
    return mailbox;
  };
  let running: Promise<void> | null = null;
  const originals = forwardOriginalsRepository(deps.database);
  const alreadyHeld = async (userId: string, quoted: NonNullable<Delivery['quoted']>) =>
    (await originals.candidates(userId, quoted.query)).some((row) =>
      quotesText(quoted.body, row.textBody),
    );

  const runBatches = async () => {
    while (waiting.length > 0) {
      const batch: Waiting[] = [];
      let size = 0;
      while (
        waiting.length > 0 &&
        (batch.length === 0 || size + waiting[0]!.items.length <= maxBatchItems)
      ) {
        const next = waiting.shift()!;
        size += next.items.length;
        batch.push(next);
      }
      await storeBatch(batch);
    }
    running = null;
  };

  const storeBatch = async (batch: readonly Waiting[]) => {
    const users = [...new Set(batch.map((entry) => entry.userId))];
    for (const userId of users) {
      const entries = batch.filter((entry) => entry.userId === userId);
      try {
        const mailbox = await mailboxOf(userId);
        const items = entries.flatMap((entry) => entry.items);
        const outcomes = await deps.ingest.ingestBatch(mailbox, items);
        const byItem = new Map(items.map((item, index) => [item, outcomes[index]!]));
        for (const entry of entries) entry.resolve(entry.items.map((item) => byItem.get(item)!));
      } catch (error) {
        for (const entry of entries) entry.reject(error);
      }
    }
  };

  return {
    /** Files one delivered message for each of its users; one outcome per filed message and user. */
    async deliver(
      userIds: readonly string[],
      raw: Uint8Array,
      source: string,
      envelope?: SmtpEnvelope,
    ): Promise<IngestOutcome[]> {
      const delivery = await deliveryItems(raw, {
        domain: deps.domain,
        source,
        now: deps.clock.now(),
      });
      const senderAuth =
        deps.checkSender && envelope ? await deps.checkSender(raw, envelope) : undefined;
      const items = senderAuth
        ? delivery.items.map((item) => (item.raw === raw ? { ...item, senderAuth } : item))
        : delivery.items;
      const filed = userIds.map(async (userId) => {
        if (delivery.quoted && (await alreadyHeld(userId, delivery.quoted))) return [];
        return new Promise<IngestOutcome[]>((resolve, reject) => {
          waiting.push({ userId, items, resolve, reject });
          running ??= runBatches();
        });
      });
      return (await Promise.all(filed)).flat();
    },
  };
}

export type CaptureDelivery = ReturnType<typeof createCaptureDelivery>;
