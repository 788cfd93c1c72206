import { readIntent } from '../intent/read-intent.js';
import { extractNewText } from '../intent/new-text.js';
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

/**
 * The facts rules read about a stored message: its direction (from a
 * user's address: outbound), whether the CRM knows its sender, intents and
 * sentiment read offline from its subject and new text, its country, its
 * linked records and its mailbox owner's teams.
 */
export function messageFacts(message: StoredMessageInput, lookup: FactsLookup): MessageFacts {
  const sender = message.fromAddress.toLowerCase();
  const senderDomain = sender.split('@')[1] ?? '';
  const recorded = lookup.knownSenders.get(sender);
  const text = extractNewText(message.textBody).text;
  const reading = readIntent({ subject: message.subject, text: text.slice(0, intentReadChars) });
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
    text,
    intents: reading.intents.map((i) => ({ intent: i.intent, reasons: i.reasons })),
    sentiment: reading.sentiment.label,
    country: senderCountry({ recorded: recorded ?? [], domain: senderDomain }),
    mailboxOwnerId: message.mailboxOwnerId,
    ownerTeamIds: lookup.teamsOf.get(message.mailboxOwnerId) ?? [],
    records: lookup.recordsOf.get(message.id) ?? [],
    meetings: meetingChanges(message.meetings ?? null),
  };
}
