import { z } from 'zod';
import type { RecordKind } from '../core/records/record-kinds.js';
import { instant, recordRef } from './common.js';

const owned = { externalId: z.string().nullable(), ownerEmail: z.string().nullable() };

export const accountSummary = recordRef.extend({
  ...owned,
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  domains: z.array(z.string()),
});
export type AccountSummary = z.input<typeof accountSummary>;

export const contactSummary = recordRef.extend({
  ...owned,
  emails: z.array(z.string()),
  title: z.string(),
  country: z.string(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
});
export type ContactSummary = z.input<typeof contactSummary>;

export const leadSummary = recordRef.extend({
  ...owned,
  emails: z.array(z.string()),
  company: z.string(),
  country: z.string(),
  status: z.string(),
});
export type LeadSummary = z.input<typeof leadSummary>;

export const dealStatus = z.enum(['open', 'won', 'lost']);

export const dealSummary = recordRef.extend({
  ...owned,
  stage: z.string(),
  status: dealStatus,
  amount: z.number().nullable(),
  product: z.string(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  closedAt: instant.nullable(),
});
export type DealSummary = z.input<typeof dealSummary>;

/** `name` is the case subject. */
export const caseSummary = recordRef.extend({
  externalId: z.string().nullable(),
  number: z.string(),
  status: z.enum(['open', 'closed']),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  contactId: z.string().nullable(),
});
export type CaseSummary = z.input<typeof caseSummary>;

export const accountDetail = accountSummary.extend({
  related: z.object({
    /** Nearest parent first. */
    ancestors: z.array(recordRef),
    children: z.array(recordRef),
    contacts: z.array(contactSummary),
    deals: z.array(dealSummary),
    cases: z.array(caseSummary),
  }),
});
export type AccountDetail = z.input<typeof accountDetail>;

export const contactDetail = contactSummary.extend({
  related: z.object({
    deals: z.array(recordRef.extend({ status: dealStatus })),
    cases: z.array(caseSummary),
    /** Addresses the latest bounce naming them could not deliver to, unless they wrote since. */
    bounced: z.array(z.object({ address: z.string(), bouncedAt: instant })),
  }),
});
export type ContactDetail = z.input<typeof contactDetail>;

export const leadDetail = leadSummary.extend({ related: z.object({}) });
export type LeadDetail = z.input<typeof leadDetail>;

export const dealDetail = dealSummary.extend({
  related: z.object({
    contacts: z.array(recordRef.extend({ role: z.string() })),
    team: z.array(recordRef.extend({ email: z.string() })),
  }),
});
export type DealDetail = z.input<typeof dealDetail>;

export const caseDetail = caseSummary.extend({ related: z.object({}) });
export type CaseDetail = z.input<typeof caseDetail>;

/** What a list page and a detail page of each kind show. */
export const recordShapes = {
  account: { summary: accountSummary, detail: accountDetail },
  contact: { summary: contactSummary, detail: contactDetail },
  lead: { summary: leadSummary, detail: leadDetail },
  deal: { summary: dealSummary, detail: dealDetail },
  case: { summary: caseSummary, detail: caseDetail },
} satisfies Record<RecordKind, { summary: z.ZodType; detail: z.ZodType }>;

export const recordPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number() });
