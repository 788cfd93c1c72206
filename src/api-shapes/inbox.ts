import { z } from 'zod';
import { instant, recordKind } from './common.js';

import { inboxColumns } from '../core/inbox/inbox-columns.js';

export const inboxColumn = z.enum(inboxColumns);
export type InboxColumn = z.input<typeof inboxColumn>;

export const inboxThread = z.object({
  threadId: z.string(),
  /** The thread's newest message the reader may open. */
  messageId: z.string(),
  column: inboxColumn,
  /** For `crm` rows: the strongest kind of record the thread is filed on. */
  via: recordKind.nullable(),
  subject: z.string(),
  lastAt: instant,
  messageCount: z.number(),
  counterpart: z.object({ address: z.string(), name: z.string().nullable() }).nullable(),
  /** A lead that now has the counterpart's address. */
  counterpartLead: z.object({ id: z.string(), name: z.string() }).nullable(),
  links: z.array(
    z.object({ type: recordKind, id: z.string(), name: z.string().nullable(), reason: z.string() }),
  ),
});
export type InboxThread = z.input<typeof inboxThread>;

export const inboxPage = z.object({
  columns: z.partialRecord(inboxColumn, z.array(inboxThread)),
  next: z.string().nullable(),
});
export type InboxPage = z.input<typeof inboxPage>;

export const createdLead = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  company: z.string(),
  status: z.string(),
  ownerId: z.string(),
  createdAt: instant,
  emails: z.array(z.string()),
});
export type CreatedLead = z.input<typeof createdLead>;
