import { readMailFiles, type MailFileItem } from '../../adapters/mailfile/read-mail-files.js';
import { findHeaderBlock } from '../../adapters/mime/header-block.js';
import { parseMessage } from '../../adapters/mime/parse-message.js';
import { classifyNoise } from '../../core/noise/classify-noise.js';
import type { NoiseCategory } from '../../core/noise/verdict.js';

/** One line of `threadline classify --jsonl` (docs/export.md). */
export type ClassifyLine =
  | {
      readonly file: string;
      readonly messageId: string | null;
      readonly category: NoiseCategory;
      readonly reasons: readonly string[];
    }
  | { readonly file: string; readonly messageId: string | null; readonly error: string };

export interface ClassifyOptions {
  /** Messages parsed at once; memory is bounded by this many messages. */
  readonly concurrency?: number;
}

/**
 * Classifies every message in the given files and folders with the noise
 * classifier alone, yielding one line per message in input order. A file or
 * message that cannot be read or parsed gets a line with `error` (and the
 * Message-ID when its header could still be read); the run never stops at one.
 * Reading runs ahead of parsing by at most `concurrency` messages.
 */
export async function* classifyFiles(
  inputs: readonly string[],
  signal?: AbortSignal,
  options: ClassifyOptions = {},
): AsyncGenerator<ClassifyLine> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const pending: Promise<ClassifyLine>[] = [];
  for await (const item of readMailFiles(inputs, signal)) {
    pending.push(classifyItem(item));
    if (pending.length >= concurrency) yield await (pending.shift() as Promise<ClassifyLine>);
  }
  for (const line of pending) yield await line;
}

async function classifyItem(item: MailFileItem): Promise<ClassifyLine> {
  if ('error' in item) return { file: item.file, messageId: null, error: item.error };
  try {
    const message = await parseMessage(item.raw);
    const { category, reasons } = classifyNoise(message);
    return { file: item.file, messageId: message.messageId, category, reasons };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { file: item.file, messageId: messageIdOf(item.raw), error: reason };
  }
}

function messageIdOf(raw: Buffer): string | null {
  let value: string | undefined;
  try {
    value = findHeaderBlock(raw).headers['message-id']?.[0];
  } catch {
    return null;
  }
  return value ? (/<[^<>\s]+>/.exec(value)?.[0] ?? null) : null;
}
