import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** One message read from a file, or why a file (or a message in it) could not be read. */
export type MailFileItem =
  | {
      /** The path as given, or for a directory the joined path of the file inside it. */
      readonly file: string;
      /** Position in an mbox file; 0 for a single-message file. */
      readonly index: number;
      readonly raw: Buffer;
    }
  | { readonly file: string; readonly index: number; readonly error: string };

export interface ReadMailFilesOptions {
  /** Larger messages become error items instead of being held in memory. */
  readonly maxMessageBytes?: number;
}

const defaultMaxMessageBytes = 64 * 1024 * 1024;
// A line longer than this is handed on in pieces, so one newline-free gigabyte
// cannot pile up in memory.
const maxLinePiece = 64 * 1024;

/**
 * Reads raw messages from `.eml` files, mbox files (mboxo and mboxrd, LF or
 * CRLF) and directories of them, in the order given; directories are walked
 * recursively in sorted order. In a directory, `.eml` files are single
 * messages, `.mbox` files and extension-less files starting with `From ` are
 * mbox, and anything else is skipped. A file named explicitly is mbox when it
 * starts with `From `, else one message. An mbox file is streamed, so its size
 * does not matter; only one message is held at a time. A missing or unreadable
 * path yields an error item and reading goes on. Aborting the signal ends the
 * iteration with the signal's reason.
 */
export async function* readMailFiles(
  inputs: readonly string[],
  signal?: AbortSignal,
  options: ReadMailFilesOptions = {},
): AsyncGenerator<MailFileItem> {
  const limit = options.maxMessageBytes ?? defaultMaxMessageBytes;
  for (const input of inputs) {
    signal?.throwIfAborted();
    let info;
    try {
      info = await stat(input);
    } catch (error) {
      yield { file: input, index: 0, error: describe(error) };
      continue;
    }
    if (info.isDirectory()) {
      yield* readDirectory(input, limit, signal);
    } else {
      const kind = extname(input).toLowerCase() === '.eml' ? 'eml' : await sniff(input);
      yield* readFileOfKind(input, kind, limit, signal);
    }
  }
}

type FileKind = 'eml' | 'mbox';

async function* readDirectory(
  directory: string,
  limit: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<MailFileItem> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    yield { file: directory, index: 0, error: describe(error) };
    return;
  }
  // Plain code-unit order: the same on every machine, whatever the locale.
  const names = entries.map((entry) => entry.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  for (const name of names) {
    signal?.throwIfAborted();
    const entry = byName.get(name);
    const path = join(directory, name);
    // Symbolic links are not followed, so a link cycle cannot loop the walk.
    if (entry?.isDirectory()) {
      yield* readDirectory(path, limit, signal);
      continue;
    }
    if (!entry?.isFile()) continue;
    const extension = extname(name).toLowerCase();
    let kind: FileKind | null = null;
    if (extension === '.eml') kind = 'eml';
    else if (extension === '.mbox') kind = 'mbox';
    else if (extension === '' && (await sniff(path)) === 'mbox') kind = 'mbox';
    if (kind) yield* readFileOfKind(path, kind, limit, signal);
  }
}

async function* readFileOfKind(
  file: string,
  kind: FileKind,
  limit: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<MailFileItem> {
  if (kind === 'mbox') {
    yield* readMbox(file, limit, signal);
    return;
  }
  try {
    const { size } = await stat(file);
    if (size > limit) {
      yield { file, index: 0, error: `message larger than ${limit} bytes (${size})` };
      return;
    }
    yield { file, index: 0, raw: await readFile(file, { signal }) };
  } catch (error) {
    signal?.throwIfAborted();
    yield { file, index: 0, error: describe(error) };
  }
}

async function sniff(file: string): Promise<FileKind> {
  let handle;
  try {
    handle = await open(file, 'r');
    const head = Buffer.alloc(5);
    const { bytesRead } = await handle.read(head, 0, 5, 0);
    return bytesRead === 5 && head.toString('latin1') === 'From ' ? 'mbox' : 'eml';
  } catch {
    // Unreadable: reading it as one message reports the error with its path.
    return 'eml';
  } finally {
    await handle?.close();
  }
}

/** A piece of a line: the whole line with its terminator, or a slice of a very long one. */
interface LinePiece {
  readonly bytes: Buffer;
  readonly startsLine: boolean;
}

// Pieces come in batches, one per chunk read: one await per line would cost
// more than the splitting itself.
async function* linePieces(
  file: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<LinePiece[]> {
  let carry: Buffer | null = null;
  let carryStartsLine = true;
  const stream = createReadStream(file, { signal, highWaterMark: 256 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = null;
    const pieces: LinePiece[] = [];
    let start = 0;
    for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a, start)) {
      pieces.push({ bytes: data.subarray(start, end + 1), startsLine: carryStartsLine });
      carryStartsLine = true;
      start = end + 1;
    }
    data = data.subarray(start);
    if (data.length > maxLinePiece) {
      pieces.push({ bytes: data, startsLine: carryStartsLine });
      carryStartsLine = false;
    } else if (data.length > 0) {
      carry = data;
    }
    yield pieces;
  }
  if (carry) yield [{ bytes: carry, startsLine: carryStartsLine }];
}

// `From ` at the start of a line after a blank line, followed by a sender and a date with a year. Requiring the blank line
// and the year keeps a body line "From the desk of …" in an unescaped mboxo
// file from splitting a message.
const separator = /^From \S+ .*\d{4}/;

function isBlank(line: Buffer): boolean {
  return line.length === 1
    ? line[0] === 0x0a
    : line.length === 2 && line[0] === 0x0d && line[1] === 0x0a;
}

async function* readMbox(
  file: string,
  limit: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<MailFileItem> {
  let index = -1;
  let parts: Buffer[] = [];
  let size = 0;
  let oversized = false;
  // A blank line is held back: before a separator it belongs to the mbox, not the message.
  let heldBlank: Buffer | null = null;
  let previousBlank = true;

  const take = (bytes: Buffer): void => {
    if (oversized) return;
    size += bytes.length;
    if (size > limit) {
      oversized = true;
      parts = [];
    } else {
      parts.push(bytes);
    }
  };
  const finish = (): MailFileItem | null => {
    if (index < 0) return null;
    const item: MailFileItem = oversized
      ? { file, index, error: `message larger than ${limit} bytes` }
      : { file, index, raw: Buffer.concat(parts) };
    parts = [];
    size = 0;
    oversized = false;
    return item;
  };

  try {
    for await (const batch of linePieces(file, signal)) {
      for (const { bytes, startsLine } of batch) {
        const head =
          startsLine && previousBlank && bytes[0] === 0x46 ? bytes.toString('latin1', 0, 200) : '';
        // The first line only has to look like one: the file was chosen as mbox by it.
        if (index < 0 ? head.startsWith('From ') : separator.test(head)) {
          heldBlank = null;
          const item = finish();
          if (item) yield item;
          index += 1;
          previousBlank = false;
          continue;
        }
        if (index < 0) {
          yield {
            file,
            index: 0,
            error: 'not an mbox file: it does not start with a "From " line',
          };
          return;
        }
        if (heldBlank) take(heldBlank);
        heldBlank = null;
        if (startsLine && isBlank(bytes)) {
          heldBlank = bytes;
          previousBlank = true;
          continue;
        }
        previousBlank = false;
        // mboxrd escapes every `>*From ` line with one more `>`; mboxo escapes
        // `From ` only, which removing one `>` undoes as well.
        const escaped =
          startsLine && bytes[0] === 0x3e && /^>+From /.test(bytes.toString('latin1', 0, 64));
        take(escaped ? bytes.subarray(1) : bytes);
      }
    }
  } catch (error) {
    signal?.throwIfAborted();
    yield { file, index: Math.max(index, 0), error: describe(error) };
    return;
  }
  const item = finish();
  if (item) yield item;
}

function describe(error: unknown): string {
  if (error instanceof Error && 'code' in error) {
    const code = String(error.code);
    if (code === 'ENOENT') return 'no such file or directory';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'EISDIR') return 'is a directory';
  }
  return error instanceof Error ? error.message : String(error);
}
