import { z } from 'zod';
import { buyingRoles } from '../core/insight/buying-roles.js';
import { thirdPartyRoles } from '../core/insight/third-party-roles.js';
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
  teamTrend: trend,
  teamLastAt: instant.nullable(),
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
      role: z
        .enum(thirdPartyRoles)
        .describe('What they are to the account: from their CRM title, account, or domain'),
      reason: z.string().describe('The word that decided the role, and where it was found'),
    }),
  ),
});
export type AccountConnections = z.input<typeof accountConnections>;

export const buyingRole = z.enum(buyingRoles);

const dealContact = z.object({
  contact: recordRef,
  title: z.string(),
  dealRole: z.string().describe('The role given on the deal, which wins over the title'),
  ...scored,
});

/** A deal's buying roles: who plays each, whether the team reached it, and the team's score. */
export const dealBuyingRoles = z.object({
  team: z.object(scored),
  roles: z.array(
    z.object({
      role: buyingRole,
      reached: z.boolean(),
      contacts: z.array(dealContact.extend({ engaged: z.boolean() })),
    }),
  ),
  unreached: z.array(buyingRole),
  unassigned: z.array(dealContact).describe('Contacts whose title names no buying role'),
});
export type DealBuyingRoles = z.input<typeof dealBuyingRoles>;

/** A colleague to ask for an introduction; the score may come from mail the reader cannot open. */
export const closestColleague = z.object({
  user: colleague,
  ...scored,
  privateMail: z
    .boolean()
    .describe('Some of the mail behind the score is not open to you: only its score is shown'),
});
export type ClosestColleague = z.input<typeof closestColleague>;

/** An account with open deals of mine whose team connection is cooling or cold. */
export const goingColdAccount = z.object({
  id: z.string(),
  name: z.string(),
  deals: z.array(recordRef),
  ...scored,
});
export type GoingColdAccount = z.input<typeof goingColdAccount>;

const points = z.object({
  reply_received: z.number(),
  message_received: z.number(),
  message_sent: z.number(),
  meeting: z.number(),
  human_open: z.number(),
});

/** The score's weights in force, and the organisation's override of the defaults. */
export const strengthWeights = z.object({
  weights: z.object({
    points,
    halfLifeDays: z.number(),
    deepThreadMessages: z.number(),
    deepThreadBonus: z.number(),
    fastReplyMinutes: z.number(),
    fastReplyBonus: z.number(),
    saturation: z.number(),
  }),
  override: z.record(z.string(), z.unknown()),
});
export type StrengthWeightsShape = z.input<typeof strengthWeights>;
