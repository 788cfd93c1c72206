import { z } from 'zod';
import { errorCodes, type ErrorCode } from '../core/errors.js';
import { recordKinds } from '../core/records/record-kinds.js';

/**
 * An instant: a Date where the server builds the answer, an ISO 8601 string
 * on the wire. The exported types of these modules are the wire form
 * (`z.input`), which is what a client of the API reads.
 */
export const instant = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (text) => new Date(text),
  encode: (date) => date.toISOString(),
});

export const recordKind = z.enum(recordKinds);

/** A link target: enough to name a record. */
export const recordRef = z.object({ id: z.string(), name: z.string() });
export type RecordRef = z.input<typeof recordRef>;

const codes = Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]];

/** The body of every error answer, whatever its status. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.enum(codes),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.input<typeof errorBody>;

export const ok = z.object({ ok: z.literal(true) });

/** A 204 answer: no body. */
export const noContent = z.undefined();

export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** A page of a thread-ordered list: `next` is the cursor of the following page. */
export const cursorPageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next: z.string().nullable() });
