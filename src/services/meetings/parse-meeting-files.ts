import { readMailFiles, type MailFileItem } from '../../adapters/mailfile/read-mail-files.js';
import { parseMessageWithContent } from '../../adapters/mime/parse-message.js';
import type { Meeting } from '../../core/meetings/read-meetings.js';
import { meetingReadingsOf } from './meetings-of-parts.js';

/** One line of `threadline meetings parse --jsonl` (contract: meetings). */
export type MeetingLine =
  | ({ readonly file: string; readonly messageId: string | null } & Meeting)
  | { readonly file: string; readonly messageId: string | null; readonly error: string };

/**
 * The meetings every message in the given files and folders carries, one
 * line per calendar object (VEVENT) of its calendar parts (see
 * `meetingReadingsOf`), in input order, storing nothing. A message, calendar
 * part or object that cannot be read gets a line with `error` instead; the
 * run never stops at one.
 */
export async function* parseMeetingFiles(
  inputs: readonly string[],
  signal?: AbortSignal,
): AsyncGenerator<MeetingLine> {
  for await (const item of readMailFiles(inputs, signal)) yield* await meetingLinesOf(item);
}

async function meetingLinesOf(item: MailFileItem): Promise<MeetingLine[]> {
  const { file } = item;
  if ('error' in item) return [{ file, messageId: null, error: item.error }];
  let parsed;
  try {
    parsed = await parseMessageWithContent(item.raw);
  } catch (error) {
    return [
      { file, messageId: null, error: error instanceof Error ? error.message : String(error) },
    ];
  }
  const messageId = parsed.message.messageId?.replace(/^<|>$/g, '') ?? null;
  return meetingReadingsOf(parsed.calendarParts).map((reading) =>
    'error' in reading
      ? { file, messageId, error: reading.error }
      : { file, messageId, ...reading.meeting },
  );
}
