import { z } from 'zod';
import { instant, recordKind } from './common.js';

/** A template as written: merge fields such as `{{contact.first_name | "there"}}` stay as they are. */
export const templateInput = z.object({
  name: z.string().trim().min(1).max(200),
  /** Seen by everyone (and changed by its owner or an admin), or by its owner alone. */
  shared: z.boolean().default(false),
  subject: z.string().max(998).default(''),
  text: z.string().max(200_000).default(''),
  /** Sanitised when filled: scripts, forms and event handlers are removed. */
  html: z.string().max(500_000).nullable().default(null),
});

export const templateShape = z.object({
  id: z.string(),
  name: z.string(),
  shared: z.boolean(),
  ownerId: z.string(),
  ownerName: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  updatedAt: instant,
});

/** The record whose fields fill the template; the sender's own fields need none. */
const fillFrom = z.object({
  record: z.object({ type: recordKind, id: z.guid() }).nullable().default(null),
});

export const applyTemplateInput = fillFrom;

export const previewTemplateInput = fillFrom.extend(
  templateInput.pick({ subject: true, text: true, html: true }).shape,
);

/** A filled template, ready to put in the compose form. */
export const filledTemplate = z.object({
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
});

/** The merge fields a template may use, as `group.field`. */
export const mergeFieldList = z.object({ fields: z.array(z.string()) });
export type MessageTemplate = z.input<typeof templateShape>;
