import { z } from 'zod';
import { instant } from './common.js';

/** An admin's request to read a user's private or held mail, for a reason, for a while. */
export const breakGlassInput = z.object({
  /** The user whose mail is read. */
  ownerId: z.guid(),
  /** One message of theirs; null for all of their mail. */
  messageId: z.guid().nullable().default(null),
  reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(500),
  /** How long the grant lasts, in minutes. */
  minutes: z.number().int().min(5).max(480).default(60),
});
export type BreakGlassInput = z.input<typeof breakGlassInput>;

/** One break-glass grant: who read whose mail, why, and until when. */
export const breakGlassGrant = z.object({
  id: z.string(),
  adminEmail: z.string(),
  ownerId: z.string(),
  /** The one message the grant covers; null with `wholeMailbox`, or once it was deleted. */
  messageId: z.string().nullable(),
  /** The message's subject, shown to the owner only. */
  subject: z.string().nullable(),
  wholeMailbox: z.boolean(),
  reason: z.string(),
  grantedAt: instant,
  expiresAt: instant,
});
export type BreakGlassGrant = z.input<typeof breakGlassGrant>;
