import { z } from 'zod';
import type { RecordKind } from '../core/records/record-kinds.js';
import { instant, recordRef } from './common.js';

const owned = {
  externalId: z.string().nullable(),
  ownerEmail: z.string().nullable(),
  /** Set once archived: out of lists and matching, its mail and history kept. */
  archivedAt: instant.nullable(),
};

export const accountSummary = recordRef.extend({
  ...owned,
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  domains: z.array(z.string()),
  /** The account this one was merged into. */
  mergedIntoId: z.string().nullable(),
});
export type AccountSummary = z.input<typeof accountSummary>;

export const contactSummary = recordRef.extend({
  ...owned,
  firstName: z.string(),
  lastName: z.string(),
  /** The contact this one was merged into. */
  mergedIntoId: z.string().nullable(),
  emails: z.array(z.string()),
  title: z.string(),
  country: z.string(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
});
export type ContactSummary = z.input<typeof contactSummary>;

export const leadSummary = recordRef.extend({
  ...owned,
  firstName: z.string(),
  lastName: z.string(),
  /** The contact the lead became. */
  convertedContactId: z.string().nullable(),
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
  currency: z.string().nullable(),
  expectedCloseAt: instant.nullable(),
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
  contactName: z.string().nullable(),
  archivedAt: instant.nullable(),
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

/** A line of a deal: what is sold, how many, at what price. */
export const dealProduct = z.object({
  name: z.string(),
  quantity: z.number(),
  unitPrice: z.number(),
  /** null: the deal's currency. */
  currency: z.string().nullable(),
});
export type DealProduct = z.input<typeof dealProduct>;

export const dealDetail = dealSummary.extend({
  related: z.object({
    /** Each contact's part in the deal: decision maker, champion, finance, technical, user… */
    contacts: z.array(recordRef.extend({ role: z.string() })),
    team: z.array(recordRef.extend({ email: z.string(), role: z.string() })),
    products: z.array(dealProduct),
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

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => text(max).min(1, 'must not be empty');
const optionalId = z.guid().nullable().default(null);
const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as EUR');
/** A calendar date or an instant. */
const dateText = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** An account as a form sends it, to create or to replace what is stored. */
export const accountInput = z.object({
  name: required(300),
  domains: z.array(text(253)).max(50).default([]),
  parentId: optionalId,
});
export type AccountInput = z.input<typeof accountInput>;

/** What a contact and a lead both have: a name, addresses and a country. */
const person = {
  firstName: text(200).default(''),
  lastName: required(200),
  emails: z.array(text(320)).max(20).default([]),
  country: text(100).default(''),
};

export const contactInput = z.object({
  ...person,
  title: text(200).default(''),
  accountId: optionalId,
});
export type ContactInput = z.input<typeof contactInput>;

export const leadInput = z.object({
  ...person,
  company: text(300).default(''),
  status: required(50).default('new'),
});
export type LeadInput = z.input<typeof leadInput>;

export const dealInput = z.object({
  name: required(300),
  stage: text(100).default(''),
  status: dealStatus.default('open'),
  amount: z.number().min(0).max(1e13).nullable().default(null),
  currency: currencyCode.nullable().default(null),
  product: text(300).default(''),
  accountId: optionalId,
  expectedCloseAt: dateText.nullable().default(null),
  /** Only for a won or lost deal. */
  closedAt: dateText.nullable().default(null),
  contacts: z
    .array(z.object({ contactId: z.guid(), role: text(100).default('') }))
    .max(100)
    .default([]),
  team: z
    .array(z.object({ userId: z.guid(), role: text(100).default('') }))
    .max(100)
    .default([]),
  products: z
    .array(
      z.object({
        name: required(300),
        quantity: z.number().positive('must be more than 0').max(1e9),
        unitPrice: z.number().min(0, 'must not be negative').max(1e13),
        currency: currencyCode.nullable().default(null),
      }),
    )
    .max(200)
    .default([]),
});
export type DealInput = z.input<typeof dealInput>;

export const caseInput = z.object({
  number: required(100),
  subject: text(500).default(''),
  status: z.enum(['open', 'closed']).default('open'),
  accountId: optionalId,
  contactId: optionalId,
});
export type CaseInput = z.input<typeof caseInput>;

/** What each kind's create and edit forms send. */
export const recordInputs = {
  account: accountInput,
  contact: contactInput,
  lead: leadInput,
  deal: dealInput,
  case: caseInput,
} satisfies Record<RecordKind, z.ZodType>;

/** The record named in the path survives; this one is archived and points at it. */
export const mergeInput = z.object({ mergeId: z.guid() });

/** A lead becomes a contact on an existing account or a new one, and perhaps a deal. */
export const convertLeadInput = z.object({
  /** An existing account; when null, a new one named `accountName` (the lead's company by default). */
  accountId: optionalId,
  accountName: text(300).default(''),
  deal: z
    .object({
      name: required(300),
      amount: z.number().min(0).max(1e13).nullable().default(null),
      stage: text(100).default(''),
    })
    .nullable()
    .default(null),
});
export type ConvertLeadInput = z.input<typeof convertLeadInput>;

export const convertedLead = z.object({
  contactId: z.string(),
  accountId: z.string(),
  dealId: z.string().nullable(),
});
export type ConvertedLead = z.input<typeof convertedLead>;
