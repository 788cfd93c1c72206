import { z } from 'zod';
import { intents } from '../core/intent/lexicon.js';
import { conditionFields, webhookEvents } from '../core/rules/rule.js';
import { instant } from './common.js';

const intent = z.enum(intents);

export const trigger = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('message_captured'),
    direction: z.enum(['inbound', 'outbound', 'any']),
  }),
  z.object({ kind: z.literal('unknown_sender') }),
  z.object({ kind: z.literal('intent_detected'), intents: z.array(intent).min(1) }),
  z.object({
    kind: z.literal('keyword'),
    words: z.array(z.string().trim().min(2).max(100)).min(1).max(50),
  }),
  z.object({
    kind: z.literal('sentiment_detected'),
    sentiment: z.enum(['negative', 'neutral', 'positive']),
  }),
  z.object({
    kind: z.literal('thread_unanswered'),
    businessHours: z.number().positive().max(2_000),
  }),
  z.object({ kind: z.literal('follow_up_due') }),
  z.object({ kind: z.literal('meeting_booked') }),
  z.object({ kind: z.literal('meeting_cancelled') }),
  z.object({ kind: z.literal('tracked_open') }),
  z.object({ kind: z.literal('tracked_click') }),
]);

export const condition = z.union([
  z.object({
    field: z.enum(conditionFields),
    op: z.enum(['in', 'not_in', 'contains']),
    values: z.array(z.string().trim().min(1).max(200)).min(1).max(200),
  }),
  z.object({
    field: z.literal('deal_amount'),
    op: z.enum(['at_least', 'below']),
    amount: z.number(),
  }),
]);

export const ownerChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: z.guid() }),
  z.object({ kind: z.literal('role'), role: z.enum(['admin', 'manager', 'rep']) }),
  z.object({ kind: z.literal('round_robin'), teamId: z.guid() }),
  z.object({ kind: z.literal('territory'), fallbackUserId: z.guid().optional() }),
  z.object({ kind: z.literal('mailbox_owner') }),
]);

export const action = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('create_lead'), owner: ownerChoice }),
  z.object({ kind: z.literal('create_contact'), owner: ownerChoice }),
  z.object({
    kind: z.literal('create_task'),
    title: z.string().trim().min(1).max(300),
    dueInBusinessHours: z.number().min(0).max(2_000),
    owner: ownerChoice,
  }),
  z.object({
    kind: z.literal('assign_record'),
    recordType: z.enum(['account', 'contact', 'lead', 'deal']),
    owner: ownerChoice,
  }),
  z.object({ kind: z.literal('add_to_deal'), dealId: z.guid() }),
  z.object({ kind: z.literal('escalate'), note: z.string().trim().min(1).max(500) }),
  z.object({ kind: z.literal('notify'), to: ownerChoice, note: z.string().trim().min(1).max(500) }),
  z.object({ kind: z.literal('webhook'), endpointId: z.guid() }),
]);

/** A rule as created or edited: switched off until switched on. */
export const workflowRuleInput = z.object({
  name: z.string().trim().min(1).max(200),
  trigger,
  conditions: z.array(condition).max(50).default([]),
  /** Every condition must hold, or any one of them. */
  match: z.enum(['all', 'any']).default('all'),
  actions: z.array(action).min(1).max(20),
});
export type WorkflowRuleInput = z.input<typeof workflowRuleInput>;

export const workflowRule = workflowRuleInput.extend({
  id: z.string(),
  position: z.number(),
  enabled: z.boolean(),
  appliesFrom: instant.nullable(),
  firedCount: z.number(),
  lastFiredAt: instant.nullable(),
});
export type WorkflowRuleView = z.input<typeof workflowRule>;

export const switchRule = z.object({
  enabled: z.boolean(),
  /** Switching on: act on mail sent from then on (default: now), so a dry run's period can be applied. */
  appliesFrom: instant.optional(),
});

export const dryRunInput = z.object({
  rule: workflowRuleInput,
  from: instant,
  to: instant,
});

const effectOutcome = z.object({
  kind: z.string(),
  target: z.string(),
  ownerId: z.string().nullable(),
  dueAt: z.string().nullable(),
});

export const dryRunReport = z.object({
  scanned: z.number(),
  matched: z.number(),
  effectCounts: z.record(z.string(), z.number()),
  ownerCounts: z.record(z.string(), z.number()),
  truncated: z.boolean(),
  firings: z.array(
    z.object({
      messageId: z.string(),
      messageKey: z.string(),
      subject: z.string(),
      sender: z.string(),
      sentAt: z.string(),
      reasons: z.array(z.string()),
      effects: z.array(effectOutcome),
    }),
  ),
});
export type DryRunReportView = z.input<typeof dryRunReport>;

export const webhookEndpointInput = z.object({
  url: z.url({ protocol: /^https?$/ }),
  events: z.array(z.enum(webhookEvents)).min(1),
});

export const webhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: instant,
});
export type WebhookEndpointView = z.input<typeof webhookEndpoint>;

export const webhookDelivery = z.object({
  id: z.string(),
  endpointId: z.string(),
  url: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number(),
  nextAttemptAt: instant,
  lastError: z.string().nullable(),
  createdAt: instant,
  deliveredAt: instant.nullable(),
  payload: z.unknown(),
});
export type WebhookDeliveryView = z.input<typeof webhookDelivery>;
