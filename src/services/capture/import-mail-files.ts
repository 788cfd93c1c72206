import { stat } from 'node:fs/promises';
import { readMailFiles } from '../../adapters/mailfile/read-mail-files.js';
import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import type { IngestItem, IngestOutcome } from './batch-types.js';

export interface ImportSummary {
  read: number;
  captured: number;
  ignored: Record<string, number>;
  quarantined: number;
  duplicates: number;
  /** Files or messages that could not even be read, with why. */
  unreadable: { source: string; reason: string }[];
}

const batchSize = 250;

async function totalBytes(inputs: readonly string[]): Promise<number> {
  let total = 0;
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isFile()) total += info.size;
  }
  return total;
}

/**
 * Offline import of mbox files and .eml folders through the same pipeline
 * as IMAP sync, in batches, so memory stays bounded by the batch size
 * whatever the size of the export.
 */
export async function importMailFiles(
  inputs: readonly string[],
  mailbox: MailboxRow,
  ingest: (mailbox: MailboxRow, items: readonly IngestItem[]) => Promise<IngestOutcome[]>,
  options: {
    signal?: AbortSignal;
    onProgress?: (count: number, bytesDone: number, bytesTotal: number) => void;
  },
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    read: 0,
    captured: 0,
    ignored: {},
    quarantined: 0,
    duplicates: 0,
    unreadable: [],
  };
  const total = await totalBytes(inputs);
  let bytesDone = 0;
  let batch: IngestItem[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    for (const outcome of await ingest(mailbox, batch)) {
      if (outcome.status === 'quarantined') summary.quarantined += 1;
      else {
        if (outcome.duplicate) summary.duplicates += 1;
        if (outcome.status === 'captured') summary.captured += 1;
        else summary.ignored[outcome.category] = (summary.ignored[outcome.category] ?? 0) + 1;
      }
    }
    batch = [];
    options.onProgress?.(summary.read, bytesDone, total);
  };
  for await (const item of readMailFiles(inputs, options.signal)) {
    if ('error' in item) {
      summary.unreadable.push({ source: `${item.file}#${item.index}`, reason: item.error });
      continue;
    }
    summary.read += 1;
    bytesDone += item.raw.length;
    batch.push({
      raw: item.raw,
      truncated: false,
      source: `${item.file}#${item.index}`,
      location: null,
    });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return summary;
}
