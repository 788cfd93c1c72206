import { readNewText } from '../intent/read-intent.js';
import { extractNewText } from '../intent/new-text.js';
import type { BodyRead } from './rule-reads.js';
import { senderCountry } from './country.js';
import type { LinkedRecord, MessageFacts } from './facts.js';
import { meetingChanges, type StoredMeetingObject } from './meeting-changes.js';

/** A stored message and what the CRM knows around it, as read from the store. */
export interface StoredMessageInput {
  readonly id: string;
  readonly messageKey: string;
  readonly threadId: string;
  readonly subject: string;
  readonly sentAt: Date | null;
  readonly createdAt: Date;
  readonly fromAddress: string;
  readonly fromName: string;
  readonly textBody: string;
  readonly mailboxOwnerId: string;
  readonly captured: boolean;
  /** The calendar objects the message carried; null or absent when none. */
  readonly meetings?: readonly StoredMeetingObject[] | null;
}

export interface FactsLookup {
  /** Every user's addresses, lower case. */
  readonly userAddresses: ReadonlySet<string>;
  /** Sender address to the countries its contacts and leads record; absent: no record has it. */
  readonly knownSenders: ReadonlyMap<string, readonly string[]>;
  readonly knownDomains: ReadonlySet<string>;
  readonly recordsOf: ReadonlyMap<string, readonly LinkedRecord[]>;
  readonly teamsOf: ReadonlyMap<string, readonly string[]>;
}

/**
 * Intents and sentiment are read from the start of the new text: what a
 * sender asks for comes first, and reading a long body whole would cost its
 * length on every message a rule pass reads.
 */
const intentReadChars = 1_500;

/** What a read of the body adds to a message's facts. */
export type BodyFacts = Pick<MessageFacts, 'text' | 'intents' | 'sentiment'>;

/** What a body read of `none` leaves: facts no rule reaching the message looks at. */
const unread: BodyFacts = { text: '', intents: [], sentiment: 'neutral' };

/**
 * The facts rules read about a stored message: its direction (from a
 * user's address: outbound), whether the CRM knows its sender, its country,
 * its linked records and its mailbox owner's teams; then as much of the
 * body as `bodyRead` asks for, judged on those facts: nothing, its new
 * text, or intents and sentiment read offline from its subject and new
 * text. Reading is most of the cost of a rule pass, so a message no rule
 * reading it can reach is not read; what is not read stays empty
 * (no intent, neutral sentiment, no text), which no rule reaching the
 * message looks at.
 */
export function messageFacts(
  message: StoredMessageInput,
  lookup: FactsLookup,
  bodyRead: (facts: MessageFacts) => BodyRead = () => 'reading',
): MessageFacts {
  const facts = factsBeforeBody(message, lookup);
  const read = bodyRead(facts);
  return read === 'none' ? facts : { ...facts, ...readBody(message, read) };
}

/** `messageFacts` without its body read: what costs nothing to know, the body left unread. */
export function factsBeforeBody(message: StoredMessageInput, lookup: FactsLookup): MessageFacts {
  const sender = message.fromAddress.toLowerCase();
  const senderDomain = sender.split('@')[1] ?? '';
  const recorded = lookup.knownSenders.get(sender);
  return {
    messageId: message.id,
    messageKey: message.messageKey,
    threadId: message.threadId,
    sentAt: message.sentAt ?? message.createdAt,
    captured: message.captured,
    direction: lookup.userAddresses.has(sender) ? 'outbound' : 'inbound',
    sender,
    senderName: message.fromName,
    senderDomain,
    senderKnown: recorded !== undefined,
    domainKnown: lookup.knownDomains.has(senderDomain),
    subject: message.subject,
    ...unread,
    country: senderCountry({ recorded: recorded ?? [], domain: senderDomain }),
    mailboxOwnerId: message.mailboxOwnerId,
    ownerTeamIds: lookup.teamsOf.get(message.mailboxOwnerId) ?? [],
    records: lookup.recordsOf.get(message.id) ?? [],
    meetings: meetingChanges(message.meetings ?? null),
  };
}

/**
 * A body read as far as `read` asks: its new text, and with `reading` the
 * intents and sentiment of its subject and new text. Plain data in and out,
 * so a pass can have it done on another thread.
 */
export function readBody(
  message: Pick<StoredMessageInput, 'subject' | 'textBody'>,
  read: BodyRead,
): BodyFacts {
  if (read === 'none') return unread;
  const cut = extractNewText(message.textBody);
  if (read === 'text') return { ...unread, text: cut.text };
  const reading = readNewText(
    { subject: message.subject, text: cut.text.slice(0, intentReadChars) },
    cut.removed,
  );
  return {
    text: cut.text,
    intents: reading.intents.map((i) => ({ intent: i.intent, reasons: i.reasons })),
    sentiment: reading.sentiment.label,
  };
}
