import { z } from 'zod';
import { instant } from './common.js';

/** The signed-in user's sender address and whether it may be sent from yet. */
export const senderAddress = z.object({
  address: z.string(),
  verifiedAt: instant.nullable().describe('Set once the code mailed to the address was entered'),
  codeExpiresAt: instant.nullable().describe('While a code mailed to the address is waiting'),
  required: z
    .boolean()
    .describe('Whether sending needs a verified address (or a mailbox signed in as it)'),
});
export type SenderAddress = z.input<typeof senderAddress>;

/** The body of `POST /api/me/sender-address/verification`: the mailbox to mail the code through. */
export const senderCodeRequest = z.strictObject({ mailboxId: z.uuid() });

/** The body of `POST /api/me/sender-address/verification/confirm`. */
export const senderCodeInput = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'is the 6-digit code from the message'),
});
