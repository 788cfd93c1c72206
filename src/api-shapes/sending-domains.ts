import { z } from 'zod';
import { instant } from './common.js';

const recordKind = z.enum(['dkim', 'spf']);

/** The body of `POST /api/sending-domains`. */
export const sendingDomainInput = z.strictObject({ domain: z.string().trim().min(3).max(253) });

/** A sending domain: the records to publish and what the last DNS check found of each. */
export const sendingDomain = z.object({
  id: z.string(),
  domain: z.string(),
  selector: z.string(),
  records: z.array(
    z.object({ kind: recordKind, name: z.string(), type: z.literal('TXT'), value: z.string() }),
  ),
  checkedAt: instant.nullable(),
  verdicts: z.array(
    z.object({
      kind: recordKind,
      name: z.string(),
      status: z.enum(['verified', 'missing', 'mismatch', 'unreachable']),
      words: z.string(),
    }),
  ),
  verifiedAt: instant
    .nullable()
    .describe('Set while the last check found every record: mail from the domain is signed'),
});
export type SendingDomain = z.input<typeof sendingDomain>;
