import type { RecordKind } from '../records/record-kinds.js';
import { businessHoursBetween, type WorkCalendar } from '../rules/business-hours.js';
import { touchesDomain } from '../sharing/access.js';
import { audienceOf, type Audience, type ReportCopy } from './audience.js';

export type ReportKind = 'inbound' | 'outbound' | 'meeting';
export type ResponseSide = 'ours' | 'theirs';

/** The record type under which each message is also counted once, whatever it is filed on. */
export const mailWide = { type: 'none', id: '00000000-0000-0000-0000-000000000000' } as const;

/** What the facts of one stored message are made of, as read from the store. */
export interface MessageFactInput {
  readonly messageId: string;
  readonly sentAt: Date;
  /** Our user whose address wrote it, or null when it came from outside. */
  readonly senderUserId: string | null;
  /** Our users among its recipients, in the order they are addressed. */
  readonly recipientUserIds: readonly string[];
  readonly participants: readonly string[];
  readonly carriesMeeting: boolean;
  readonly copies: readonly (ReportCopy & { readonly excludedDomains: readonly string[] })[];
  readonly links: readonly { readonly type: RecordKind; readonly id: string }[];
  /** Record shares on one of its records, by an owner of one of its copies. */
  readonly recordShares: readonly { readonly ownerId: string; readonly userId: string }[];
  /** The message before it in its thread, and whether one of us wrote that one. */
  readonly previous: { readonly sentAt: Date; readonly fromUs: boolean } | null;
}

/** What one message adds to the reports under one record (or mail-wide). */
export interface MessageFact {
  readonly messageId: string;
  readonly recordType: RecordKind | typeof mailWide.type;
  readonly recordId: string;
  /** The UTC date it was sent. */
  readonly day: string;
  readonly kind: ReportKind;
  readonly repId: string;
  readonly responseSide: ResponseSide | null;
  readonly responseMinutes: number | null;
}

/**
 * A message's facts: its audience (who may count it) and one fact per
 * record it is filed on plus one mail-wide. The rep it counts for is the
 * colleague who wrote it, or else the first colleague it was addressed to,
 * or else the owner of its first copy. A message is a response when the
 * message before it in the thread came from the other side; its time is the
 * working time between the two in the rep's calendar.
 *
 * @example
 * // Ada at acme.com answers Rita's Friday 16:00 mail on Monday at 10:00 (Monday–Friday 9–17):
 * messageFacts(adaReply, () => defaultWorkCalendar).facts[0].responseMinutes; // 120, side 'theirs'
 */
export function messageFacts(
  input: MessageFactInput,
  calendarOf: (userId: string) => WorkCalendar,
): { audience: Audience; facts: MessageFact[] } | null {
  const owners = input.copies.map((copy) => copy.ownerId).sort();
  const repId = input.senderUserId ?? input.recipientUserIds[0] ?? owners[0];
  if (repId === undefined) return null;
  const audience = audienceOf(
    input.copies.map((copy) => ({
      ...copy,
      excluded: input.participants.some((p) => touchesDomain(p, copy.excludedDomains)),
    })),
    input.recordShares,
  );
  const fromUs = input.senderUserId !== null;
  const answered = input.previous !== null && input.previous.fromUs !== fromUs;
  const shared = {
    messageId: input.messageId,
    day: input.sentAt.toISOString().slice(0, 10),
    kind: input.carriesMeeting ? 'meeting' : fromUs ? 'outbound' : 'inbound',
    repId,
    responseSide: answered ? (fromUs ? 'ours' : 'theirs') : null,
    responseMinutes:
      answered && input.previous
        ? businessHoursBetween(input.previous.sentAt, input.sentAt, calendarOf(repId)) * 60
        : null,
  } as const;
  const records = [mailWide, ...input.links];
  return {
    audience,
    facts: records.map((record) => ({ ...shared, recordType: record.type, recordId: record.id })),
  };
}
