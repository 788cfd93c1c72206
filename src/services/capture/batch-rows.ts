import type { MailboxRow } from '../../adapters/db/repositories/mailboxes.js';
import type { StoredCopyRow } from '../../adapters/db/repositories/capture-store.js';
import type {
  AttachmentRow,
  DecisionRow,
  LinkRow,
  LocationRow,
  StoredMessageRow,
} from '../../adapters/db/repositories/capture-writes.js';
import type { MeetingUpdateRow } from '../../adapters/db/repositories/meeting-writes.js';
import type { Decision } from '../../core/capture/decide.js';
import type { MessageVerdict } from '../../core/capture/decide-batch.js';
import { untrackedDecision } from '../../core/capture/do-not-track.js';
import type { ContactToCreate } from '../../adapters/db/repositories/proposed-contacts.js';
import { linkState } from '../../core/capture/reconcile-links.js';
import type { Meeting } from '../../core/meetings/read-meetings.js';
import { participantAddresses } from '../../core/message.js';
import { searchVector } from '../../core/search/search-terms.js';
import type { Placement } from '../../core/threading/place-batch.js';
import { threadRoot } from '../../core/threading/index.js';
import { meetingReadingsOf } from '../meetings/meetings-of-parts.js';
import type { SenderAuth } from '../../core/sender-auth/verdict.js';
import type { ParsedItem } from './batch-types.js';
import { bodyDigest } from './message-key.js';

/** A parsed item with where it landed and what was decided for it. */
export interface DecidedItem {
  readonly entry: ParsedItem;
  readonly placement: Placement;
  readonly verdict: MessageVerdict;
  /** What was proven about the sender, when it was checked. */
  readonly senderAuth?: SenderAuth | null;
}

/** Everything a batch's commit writes, row by row. */
export interface BatchRows {
  readonly messages: StoredMessageRow[];
  readonly legacyRekeys: { legacyKey: string; key: string }[];
  readonly decisions: DecisionRow[];
  readonly links: LinkRow[];
  readonly attachments: AttachmentRow[];
  /** Attachment contents worth keeping, once per hash, for the caller to write. */
  readonly files: Map<string, Uint8Array>;
  readonly locations: LocationRow[];
  readonly proposals: ContactToCreate[];
  /** The calendar objects the batch's messages carried, in message order. */
  readonly meetings: MeetingUpdateRow[];
}

/**
 * The rows of a decided batch. A message found twice in a batch (two copies
 * in a folder, a repeated export) has one decision row, the later one; a
 * stored message that kept no body (its first copy was not captured) gets
 * it from the first copy here that has one.
 */
export function batchRows(
  decided: readonly DecidedItem[],
  storedCopies: ReadonlyMap<string, StoredCopyRow>,
  mailbox: MailboxRow,
  /** The largest attachment kept, when attachments are kept at all. */
  maxAttachmentBytes: number | undefined,
): BatchRows {
  const rows: BatchRows = {
    messages: [],
    legacyRekeys: [],
    decisions: [],
    links: [],
    attachments: [],
    files: new Map(),
    locations: locationRows(decided, mailbox),
    proposals: [],
    meetings: [],
  };
  const decisions = new Map<string, DecisionRow>();
  for (const { entry, placement, verdict, senderAuth } of decided) {
    const { key } = entry;
    const { threadId, duplicate, untracked } = placement;
    const { decision } = verdict;
    const storedCopy = storedCopies.get(key);
    const meetings = untracked ? [] : meetingsOf(entry);
    if (storedCopy?.legacyKey && !rows.legacyRekeys.some((r) => r.key === key)) {
      rows.legacyRekeys.push({ legacyKey: storedCopy.legacyKey, key });
    }
    const fillsBody = duplicate && !untracked && storedCopy?.bodySha256 === null;
    if (fillsBody && !rows.messages.some((m) => m.key === key)) {
      const row = toStoredMessage(entry, threadId, decision, mailbox, meetings);
      if (row.bodySha256 !== null) rows.messages.push(row);
    }
    if (!duplicate) {
      rows.messages.push(
        untracked
          ? untrackedMessage(entry, threadId)
          : { ...toStoredMessage(entry, threadId, decision, mailbox, meetings), senderAuth },
      );
      rows.proposals.push(...verdict.proposals.map((p) => ({ ...p, messageKey: key })));
      if (decision.captured) {
        const keep = keepsContents(entry, mailbox, maxAttachmentBytes);
        rows.attachments.push(...keptAttachments(entry, keep, rows.files));
      }
    }
    // None for untracked mail: every read of mail goes through a decision, so it shows to no one.
    if (!untracked) {
      decisions.set(key, {
        key,
        mailboxId: mailbox.id,
        bodySha256: entry.whole ? entry.bodyDigest : null,
        captured: decision.captured,
        category: decision.category,
        reasons: [...decision.reasons],
        hold: decision.heldForReview === true,
      });
    }
    for (const meeting of meetings) {
      rows.meetings.push({ key, captured: decision.captured, meeting });
    }
    if (decision.captured) {
      for (const link of decision.links) {
        const { type, ...stored } = linkState(link);
        rows.links.push({ key, recordType: type, ...stored });
      }
    }
  }
  rows.decisions.push(...decisions.values());
  return rows;
}

function locationRows(decided: readonly DecidedItem[], mailbox: MailboxRow): LocationRow[] {
  return decided.flatMap(({ entry: { item, key } }) =>
    item.location
      ? [{ key, mailboxId: mailbox.id, ...item.location, flags: [...item.location.flags] }]
      : [],
  );
}

/** The largest attachment whose content is kept for this item; null when none is. */
function keepsContents(
  { item }: ParsedItem,
  mailbox: MailboxRow,
  maxAttachmentBytes: number | undefined,
): number | null {
  const keep =
    maxAttachmentBytes !== undefined && mailbox.dataScope === 'full' && !item.statisticsOnly;
  return keep ? maxAttachmentBytes : null;
}

/**
 * The attachment rows of a captured message; the contents worth keeping
 * (up to `maxBytes`, null for none) are added to `files`.
 */
function keptAttachments(
  { key, message, attachmentContents }: ParsedItem,
  maxBytes: number | null,
  files: Map<string, Uint8Array>,
): AttachmentRow[] {
  return message.attachments.map((attachment, position) => {
    const content = attachmentContents[position];
    const store =
      maxBytes !== null &&
      attachment.contentHash !== null &&
      content !== undefined &&
      attachment.size <= maxBytes;
    if (store) files.set(attachment.contentHash, content);
    return {
      key,
      position,
      sha256: store ? attachment.contentHash : null,
      filename: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.size,
      contentId: attachment.contentId,
    };
  });
}

/**
 * What is kept of untracked mail (core/capture/do-not-track.ts): its key, to
 * know it when it comes again, and nothing that says whose it is or what it said.
 */
function untrackedMessage({ key, item, message }: ParsedItem, threadId: string): StoredMessageRow {
  return {
    key,
    messageId: null,
    threadId,
    threadRoot: null,
    subject: '',
    sentAt: null,
    fromAddress: null,
    participants: [],
    envelope: {},
    textBody: null,
    htmlBody: null,
    search: '',
    bodySha256: null,
    size: item.size ?? message.size,
    category: untrackedDecision.category,
    captured: false,
    reasons: [...untrackedDecision.reasons],
    failedRecipients: [],
    meetings: null,
  };
}

/**
 * What is kept of a message, by the mailbox's data scope (metadata only never
 * stores a body) and its activity window.
 */
function toStoredMessage(
  { key, message, item, search }: ParsedItem,
  threadId: string,
  decision: Decision,
  mailbox: MailboxRow,
  meetings: readonly Meeting[],
): StoredMessageRow {
  const keepBody =
    decision.captured && mailbox.dataScope !== 'metadata' && item.statisticsOnly !== true;
  const textBody = keepBody ? message.text : null;
  const htmlBody = keepBody ? message.html : null;
  return {
    key,
    messageId: message.messageId,
    threadId,
    threadRoot: threadRoot(message),
    subject: message.subject,
    sentAt: message.date?.toISOString() ?? null,
    fromAddress: message.from[0]?.address ?? null,
    participants: participantAddresses(message),
    envelope: {
      from: message.from,
      to: message.to,
      cc: message.cc,
      replyTo: message.replyTo,
      inReplyTo: message.inReplyTo,
      references: message.references,
      attachments: message.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        size: a.size,
      })),
    },
    textBody,
    htmlBody,
    search: keepBody ? search : searchVector(message.subject, null),
    bodySha256: bodyDigest(textBody, htmlBody),
    size: item.size ?? message.size,
    category: decision.category,
    captured: decision.captured,
    reasons: [...decision.reasons],
    failedRecipients: [...decision.failedRecipients],
    deliveryStatus: decision.deliveryStatus ?? null,
    meetings: meetings.length > 0 ? meetings : null,
    statisticsOnly: item.statisticsOnly === true,
  };
}

/** The meetings a message parsed whole carries; objects that cannot be read are left out. */
function meetingsOf({ calendarParts }: ParsedItem): Meeting[] {
  return meetingReadingsOf(calendarParts).flatMap((reading) =>
    'meeting' in reading ? [reading.meeting] : [],
  );
}
