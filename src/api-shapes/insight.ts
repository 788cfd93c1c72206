import { z } from 'zod';
import { instant, recordRef } from './common.js';

export const trend = z.enum(['rising', 'steady', 'cooling', 'cold']);
export const interactionKind = z.enum([
  'reply_received',
  'message_received',
  'message_sent',
  'meeting',
  'human_open',
]);

export const colleague = z.object({ id: z.string(), name: z.string(), email: z.string() });

const scored = {
  score: z.number().describe('0 (none) to 100'),
  trend,
  lastAt: instant.nullable(),
};

/** One colleague's connection with a contact, every point explained. */
export const contactConnection = z.object({
  user: colleague,
  ...scored,
  points: z.number().describe('Weighted points before reciprocity'),
  reciprocity: z.number().describe('0.5 when only one side writes, up to 1'),
  breakdown: z.array(
    z.object({ kind: interactionKind, at: instant, points: z.number(), reason: z.string() }),
  ),
});
export type ContactConnection = z.input<typeof contactConnection>;

/** Who knows whom at an account. */
export const accountConnections = z.object({
  teamScore: z.number(),
  ours: z.array(z.object({ user: colleague, ...scored, closest: z.string() })),
  theirs: z.array(
    z.object({
      address: z.string(),
      contact: recordRef.nullable(),
      ...scored,
      closestColleague: colleague,
    }),
  ),
  thirdParties: z.array(
    z.object({
      address: z.string(),
      domain: z.string(),
      organisation: z.string().describe('The registrable domain of the firm they write for'),
      threads: z.number(),
    }),
  ),
});
export type AccountConnections = z.input<typeof accountConnections>;
