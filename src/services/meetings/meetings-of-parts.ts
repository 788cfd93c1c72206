import { readICalendar } from '../../adapters/calendar/read-icalendar.js';
import type { CalendarPart } from '../../adapters/mime/parse-message.js';
import { readMeetings, type MeetingReading } from '../../core/meetings/read-meetings.js';

/**
 * The calendar objects of a message's calendar parts, in order: each a
 * meeting, or an error for an object or a whole part that cannot be read.
 * An object carried twice (Google sends the invitation both as the body's
 * alternative and as `invite.ics`) is read once.
 */
export function meetingReadingsOf(parts: readonly CalendarPart[]): MeetingReading[] {
  const readings: MeetingReading[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    let ofPart: MeetingReading[];
    try {
      ofPart = readMeetings(readICalendar(part.text), part.method);
    } catch (error) {
      readings.push({ error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    for (const reading of ofPart) {
      const key = 'meeting' in reading ? JSON.stringify(reading.meeting) : null;
      if (key !== null && seen.has(key)) continue;
      if (key !== null) seen.add(key);
      readings.push(reading);
    }
  }
  return readings;
}
