import { parse } from 'csv-parse/sync';

/** One data row: its physical line in the file (the header is line 1) and its fields by column. */
export interface CsvRow {
  readonly line: number;
  readonly fields: ReadonlyMap<string, string>;
  /** How many fields the row has; anything but the header's count is a broken row. */
  readonly fieldCount: number;
}

export type CsvReadResult =
  { ok: true; header: string[]; rows: CsvRow[] } | { ok: false; line: number; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const bom = [0xef, 0xbb, 0xbf];

/**
 * Decodes and parses a whole CSV file (UTF-8, optional BOM, RFC 4180), or
 * says why it cannot be read and where. Line numbers are physical lines, so a
 * quoted field spanning lines shifts every later row, as in an editor.
 */
export function readCsv(bytes: Uint8Array): CsvReadResult {
  const body = bom.every((b, i) => bytes[i] === b) ? bytes.subarray(3) : bytes;
  const lineStarts = lineStartsOf(body);
  const lineAt = (offset: number) => lineOfOffset(lineStarts, offset);

  try {
    utf8.decode(body);
  } catch {
    return { ok: false, line: firstInvalidLine(body, lineStarts), reason: 'not valid UTF-8' };
  }
  // Valid UTF-8, but no database text can hold it, and it is rarely meant.
  const nul = body.indexOf(0);
  if (nul !== -1) {
    return {
      ok: false,
      line: lineAt(nul),
      reason:
        'a NUL byte (0x00), which no field can hold; a file saved as UTF-16 has one in most characters: save it as UTF-8',
    };
  }

  // csv-parse reports where a record ends, in bytes; a record starts at the
  // first byte after the previous one that is not a line break (empty lines are skipped).
  const records: { fields: string[]; start: number }[] = [];
  let previousEnd = 0;
  try {
    parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength), {
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (fields: string[], context: { bytes: number }) => {
        records.push({ fields, start: skipLineBreaks(body, previousEnd) });
        previousEnd = context.bytes;
        return null;
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, line: lineAt(skipLineBreaks(body, previousEnd)), reason };
  }

  const [headerRecord, ...dataRecords] = records;
  if (!headerRecord) return { ok: false, line: 1, reason: 'the file has no header row' };
  const header = headerRecord.fields.map((name) => name.trim().toLowerCase());
  return {
    ok: true,
    header,
    rows: dataRecords.map((record) => ({
      line: lineAt(record.start),
      fieldCount: record.fields.length,
      fields: new Map(header.map((name, i) => [name, (record.fields[i] ?? '').trim()])),
    })),
  };
}

/** Offsets at which each line begins; `\r\n`, `\n` and a lone `\r` each end a line. */
function lineStartsOf(body: Uint8Array): number[] {
  const starts = [0];
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (byte === 0x0a || (byte === 0x0d && body[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line holding `offset`. */
function lineOfOffset(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

function skipLineBreaks(body: Uint8Array, offset: number): number {
  let at = offset;
  while (at < body.length && (body[at] === 0x0a || body[at] === 0x0d)) at++;
  return at;
}

function firstInvalidLine(body: Uint8Array, starts: number[]): number {
  for (let line = 0; line < starts.length; line++) {
    try {
      utf8.decode(body.subarray(starts[line], starts[line + 1] ?? body.length));
    } catch {
      return line + 1;
    }
  }
  return 1;
}
