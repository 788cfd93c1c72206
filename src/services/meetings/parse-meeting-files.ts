import { readICalendar } from '../../adapters/calendar/read-icalendar.js';
import { readMailFiles, type MailFileItem } from '../../adapters/mailfile/read-mail-files.js';
import { parseMessageWithContent } from '../../adapters/mime/parse-message.js';
import { readMeetings, type Meeting } from '../../core/meetings/read-meetings.js';

/** One line of `threadline meetings parse --jsonl` (contract: meetings). */
export type MeetingLine =
  | ({ readonly file: string; readonly messageId: string | null } & Meeting)
  | { readonly file: string; readonly messageId: string | null; readonly error: string };

/**
 * The meetings every message in the given files and folders carries, one
 * line per calendar object (VEVENT) of its calendar parts, in input order,
 * storing nothing. A message, calendar part or object that cannot be read
 * gets a line with `error` instead; the run never stops at one. An object
 * carried twice by one message (Google sends the invitation both as the
 * body's alternative and as `invite.ics`) gets one line.
 */
export async function* parseMeetingFiles(
  inputs: readonly string[],
  signal?: AbortSignal,
): AsyncGenerator<MeetingLine> {
  for await (const item of readMailFiles(inputs, signal)) yield* meetingLinesOf(item);
}

async function* meetingLinesOf(item: MailFileItem): AsyncGenerator<MeetingLine> {
  const { file } = item;
  if ('error' in item) {
    yield { file, messageId: null, error: item.error };
    return;
  }
  let parsed;
  try {
    parsed = await parseMessageWithContent(item.raw);
  } catch (error) {
    yield { file, messageId: null, error: reasonOf(error) };
    return;
  }
  const messageId = parsed.message.messageId?.replace(/^<|>$/g, '') ?? null;
  const seen = new Set<string>();
  for (const part of parsed.calendarParts) {
    let readings;
    try {
      readings = readMeetings(readICalendar(part.text), part.method);
    } catch (error) {
      yield { file, messageId, error: reasonOf(error) };
      continue;
    }
    for (const reading of readings) {
      if ('error' in reading) {
        yield { file, messageId, error: reading.error };
        continue;
      }
      const key = JSON.stringify(reading.meeting);
      if (seen.has(key)) continue;
      seen.add(key);
      yield { file, messageId, ...reading.meeting };
    }
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
