import { inThreadParser, type MessageParser } from '../../adapters/mime/parse-pool.js';
import type { AttachmentStore } from '../../adapters/attachments/attachment-store.js';
import type { Database, Statement } from '../../adapters/db/database.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import type { Clock } from '../../adapters/system/clock.js';
import type { ParsedMessage } from '../../core/message.js';
import { classifyNoise } from '../../core/noise/classify-noise.js';
import type { NoiseVerdict } from '../../core/noise/verdict.js';
import type { DirectoryIndex } from '../../core/directory/index.js';
import {
  withoutMailSource,
  type CommittedBatch,
  type CommitOptions,
  type IngestItem,
  type IngestOutcome,
  type PreparedBatch,
  type PrepareOptions,
  type Stage,
} from './batch-types.js';
import { prepareBatch } from './prepare-batch.js';
import { commitBatch, type CommitDeps } from './commit-batch.js';
import {
  isUnwrappedForward,
  type QuotableMessage,
} from '../../core/capture-address/forward-original.js';
import { releaseQuotedForwards } from '../capture-address/quoted-forwards.js';

/**
 * The capture pipeline for a batch: parse, classify noise, find the thread,
 * decide and link against the CRM, then store everything in one short
 * transaction (with the caller's checkpoint, so a crash never leaves a gap
 * or a duplicate). A message that cannot be parsed is quarantined with its
 * reason; the batch goes on.
 *
 * Two stages, so a sync can fetch and parse one batch while the one before
 * is stored: `prepareBatch` (prepare-batch.ts) may run while the previous
 * batch (`after`) is being committed; `commitBatch` (commit-batch.ts) runs
 * after the previous commit finished and takes what it stored (`previous`)
 * into account. Both may ask for whole sources on the way (batch-types.ts,
 * `Stage`). `ingestBatch` does both, for items that are whole already.
 */
export function createIngestService(deps: {
  database: Database;
  directory: { current(): Promise<DirectoryIndex>; invalidate(): Promise<void> };
  clock: Clock;
  /** Where captured messages' attachments go; absent, only their metadata is kept. */
  attachments?: { store: AttachmentStore; maxBytes: number };
  /** MIME parsing, on worker threads when given a pool. */
  parser?: MessageParser;
  /** Who sent mail read from a mailbox; absent, only an SMTP receiver's verdict is stored. */
  checkSender?: CommitDeps['checkSender'];
  /** Told, after each commit, the threads a batch of the mailbox stored mail in. */
  onStored?: (mailbox: MailboxRow, threadIds: readonly string[]) => void;
}) {
  /**
   * A message decided by its headers is classified while its batch is
   * prepared and again when it is stored; a message parsed whole in between
   * is a new object, classified afresh.
   */
  const noiseByMessage = new WeakMap<ParsedMessage, NoiseVerdict>();
  const stages: CommitDeps = {
    database: deps.database,
    directory: deps.directory,
    clock: deps.clock,
    attachments: deps.attachments,
    checkSender: deps.checkSender,
    parser: deps.parser ?? inThreadParser,
    noiseOf(message) {
      let noise = noiseByMessage.get(message);
      if (!noise) {
        noise = classifyNoise(message);
        noiseByMessage.set(message, noise);
      }
      return noise;
    },
  };
  /**
   * The commit stage; then forwards that quote what it stored are released
   * and `onStored` is told the threads it stored mail in.
   */
  async function* told(
    prepared: PreparedBatch,
    stage: Stage<CommittedBatch>,
  ): Stage<CommittedBatch> {
    const { mailbox } = prepared;
    const committed = yield* stage;
    await releaseQuotedForwards(deps.database, mailbox, storedOriginals(prepared));
    if (committed.threadOfKey.size > 0) {
      deps.onStored?.(mailbox, [...new Set(committed.threadOfKey.values())]);
    }
    return committed;
  }

  return {
    prepareBatch: (mailbox: MailboxRow, items: readonly IngestItem[], options?: PrepareOptions) =>
      prepareBatch(stages, mailbox, items, options),
    commitBatch: (prepared: PreparedBatch, options?: CommitOptions) =>
      told(prepared, commitBatch(stages, prepared, options)),
    async ingestBatch(
      mailbox: MailboxRow,
      items: readonly IngestItem[],
      checkpoint?: Statement,
    ): Promise<IngestOutcome[]> {
      const prepared = await withoutMailSource(prepareBatch(stages, mailbox, items));
      const stored = await withoutMailSource(
        told(prepared, commitBatch(stages, prepared, checkpoint ? { checkpoint } : {})),
      );
      return stored.outcomes;
    },
  };
}

/** The messages a batch stored that a forward may have quoted before: none rebuilt from a forward. */
function storedOriginals(batch: PreparedBatch): QuotableMessage[] {
  return batch.parsed
    .filter(
      (p) =>
        batch.outcomes.get(p.item)?.status !== 'quarantined' &&
        !isUnwrappedForward(p.message.messageId),
    )
    .map(({ message }) => ({
      fromAddress: message.from[0]?.address ?? null,
      subject: message.subject,
      sentAt: message.date,
      text: message.text,
    }));
}

export type IngestService = ReturnType<typeof createIngestService>;
