import { z } from 'zod';
import { cursorPageOf, instant, itemsOf, recordKind } from './common.js';
import { threadLink } from './mail.js';

export const reviewThread = z.object({
  threadId: z.string(),
  subject: z.string(),
  lastAt: instant,
  messageCount: z.number(),
  participants: z.array(z.string()),
  /** The filing the capture suggests: the links on the thread's messages. */
  suggested: z.array(threadLink),
  /** Why, as the user's mailboxes judged the messages. */
  reasons: z.array(z.string()),
});
export type ReviewThread = z.input<typeof reviewThread>;

export const reviewPage = cursorPageOf(reviewThread).extend({
  /** Threads queued in all, not only on this page. */
  total: z.number(),
});
export type ReviewPage = z.input<typeof reviewPage>;

/** A filing rule: mail matching it is filed on the record from its creation on. */
export const rule = z.object({
  id: z.string(),
  kind: z.enum(['subject', 'keyword']),
  pattern: z.string(),
  recordType: recordKind,
  recordId: z.string(),
  scope: z.enum(['mine', 'organisation']),
  createdAt: instant,
});
export type Rule = z.input<typeof rule>;

const filed = { threadId: z.string(), links: z.array(threadLink) };

export const included = z.object({
  ...filed,
  action: z.literal('include'),
  dealId: z.string().nullable(),
  /** The other queued threads with the same address list, included too. */
  alsoIncluded: z.array(z.string()),
});
export const refiled = z.object({ ...filed, action: z.literal('include') });
export const filedBySubject = z.object({ ...filed, action: z.literal('file'), rule });
export const excluded = z.object({ threadId: z.string(), action: z.literal('exclude') });
export const excludedMany = z.object({ excluded: z.array(z.string()) });
export const cleared = z.object({ clearedAt: instant, filed: z.number() });

export const followUpState = z.enum(['cancelled', 'replied', 'due', 'waiting']);
export type FollowUpState = z.input<typeof followUpState>;

export const followUp = z.object({
  id: z.string(),
  threadId: z.string(),
  /** The subject of the thread's latest message the reader may see. */
  subject: z.string().nullable(),
  createdBy: z.string(),
  createdByEmail: z.string(),
  assigneeId: z.string(),
  assigneeEmail: z.string(),
  remindAt: instant,
  note: z.string(),
  createdAt: instant,
  cancelledAt: instant.nullable(),
  /** The assignee's first message in the thread after the follow-up was set. */
  repliedAt: instant.nullable(),
  state: followUpState,
});
export type FollowUp = z.input<typeof followUp>;

export const followUps = itemsOf(followUp);

/** A colleague: someone to share with or give a follow-up to. */
export const colleague = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type Colleague = z.input<typeof colleague>;
