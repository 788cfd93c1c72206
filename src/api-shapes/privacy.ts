import { z } from 'zod';
import { instant } from './common.js';
import { attachmentInfo } from './mail.js';

export const doNotTrackEntry = z.object({ address: z.string(), createdAt: instant });
export type DoNotTrackEntry = z.input<typeof doNotTrackEntry>;

export const doNotTrackOutcome = z.object({
  /** The address asked about, normalised. */
  address: z.string(),
  /** Every address of the person now on the list. */
  addresses: z.array(z.string()),
  /** false when all of them were on the list already. */
  added: z.boolean(),
  /** Stored messages of theirs reduced to what capture keeps of untracked mail. */
  messagesUntracked: z.number(),
});

/** How long mail content is kept; null days: forever. */
export const retention = z.object({
  bodyDays: z.number().nullable(),
  attachmentDays: z.number().nullable(),
  keepMetadata: z.boolean(),
});

const person = {
  id: z.string(),
  externalId: z.string().nullable(),
  firstName: z.string(),
  lastName: z.string(),
  country: z.string(),
  emails: z.array(z.string()),
};

const verdict = { captured: z.boolean(), category: z.string(), reasons: z.array(z.string()) };

/** Everything stored about one person. */
export const personExport = z.object({
  addresses: z.array(z.string()),
  exportedAt: z.iso.datetime({ offset: true }),
  contacts: z.array(z.object({ ...person, title: z.string(), accountId: z.string().nullable() })),
  leads: z.array(z.object({ ...person, company: z.string(), status: z.string() })),
  messages: z.array(
    z.object({
      id: z.string(),
      messageId: z.string().nullable(),
      threadId: z.string(),
      subject: z.string(),
      sentAt: z.iso.datetime({ offset: true }).nullable(),
      fromAddress: z.string().nullable(),
      participants: z.array(z.string()),
      envelope: z.record(z.string(), z.unknown()),
      textBody: z.string().nullable(),
      htmlBody: z.string().nullable(),
      ...verdict,
      links: z.array(
        z.object({
          recordType: z.string(),
          recordId: z.string(),
          reason: z.string(),
          confidence: z.number(),
          source: z.string(),
        }),
      ),
      decisions: z.array(
        z.object({
          mailboxId: z.string(),
          mailboxLabel: z.string(),
          ownerEmail: z.string(),
          ...verdict,
        }),
      ),
      attachments: z.array(attachmentInfo.omit({ downloadable: true })),
      /** sender: the person wrote it; recipient: they were sent or copied it. */
      role: z.enum(['sender', 'recipient']),
    }),
  ),
});

export const erasureReport = z.object({
  /** SHA-256 of the address asked about: what the audit log keeps instead of the address. */
  person: z.string(),
  messagesDeleted: z.number(),
  messagesRedacted: z.number(),
  attachmentsDeleted: z.number(),
  filesRemoved: z.number(),
  quarantineDeleted: z.number(),
  contactsUpdated: z.number(),
  contactsDeleted: z.number(),
  leadsUpdated: z.number(),
  leadsDeleted: z.number(),
  threadsRecomputed: z.number(),
  mentionsScrubbed: z.number(),
});
