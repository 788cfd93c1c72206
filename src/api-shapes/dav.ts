import { z } from 'zod';
import { instant } from './common.js';

export const davSourceInput = z.object({
  kind: z.enum(['caldav', 'carddav']).describe('A calendar (CalDAV) or an address book (CardDAV)'),
  label: z.string().trim().min(1).max(100),
  url: z.string().trim().min(1).max(2000).describe('The calendar’s or address book’s own URL'),
  username: z.string().min(1).max(320).optional(),
  password: z.string().min(1).max(1000).optional().describe('Stored encrypted; never shown again'),
  mailboxId: z
    .guid()
    .optional()
    .describe('Instead of a password: sign in with the OAuth grant of this mailbox of yours'),
});

/** A connected calendar or address book with its health, as the mailboxes show theirs. */
export const davSource = z.object({
  id: z.string(),
  kind: z.enum(['caldav', 'carddav']),
  label: z.string(),
  url: z.string(),
  username: z.string(),
  mailboxId: z.string().nullable().describe('The mailbox whose OAuth grant it signs in with'),
  state: z.enum(['connecting', 'ok', 'failing']),
  stateCode: z.string().nullable(),
  stateMessage: z.string().nullable().describe('The last error, in words'),
  lastSyncAt: instant.nullable(),
  lastSuccessAt: instant.nullable(),
  serverCount: z.number().int().nullable().describe('Objects on the server at the last sync'),
  handledCount: z.number().int().describe('Objects read (events as meetings, cards as contacts)'),
  failedCount: z.number().int().describe('Objects that could not be read, kept with their reason'),
});

export const davSyncResult = z.union([
  z.object({
    ok: z.literal(true),
    fetched: z.number().int(),
    failed: z.number().int(),
    removed: z.number().int(),
    written: z.number().int().optional(),
  }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);

export const recordMeeting = z.object({
  uid: z.string(),
  recurrenceId: z.string().describe('Empty for the event or series itself'),
  sequence: z.number().int(),
  status: z.string().nullable(),
  allDay: z.boolean(),
  starts: z.string().nullable().describe('An instant in UTC, or a date for all-day events'),
  ends: z.string().nullable(),
  timeZone: z.string().nullable(),
  summary: z.string().nullable(),
  location: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  organizer: z.string().nullable(),
  fromMail: z.boolean(),
  fromCalendar: z.boolean(),
  attendees: z.array(
    z.object({
      email: z.string(),
      name: z.string().nullable(),
      role: z.string().nullable(),
      partstat: z.string().nullable(),
    }),
  ),
});

export type RecordMeeting = z.input<typeof recordMeeting>;
export type DavSource = z.input<typeof davSource>;
