import type { Intent } from '../intent/lexicon.js';
import type { Sentiment } from '../intent/read-intent.js';

/**
 * A workflow rule as plain data: when `trigger` happens and every one of
 * `conditions` holds (or, with `match` 'any', one of them), the `actions`
 * run in order. Rules are evaluated in `position` order; a switched-off
 * rule is never evaluated.
 */
export interface WorkflowRule {
  readonly id: string;
  readonly name: string;
  readonly position: number;
  readonly enabled: boolean;
  readonly trigger: Trigger;
  readonly conditions: readonly Condition[];
  /** Every condition must hold ('all', when absent), or one of them. */
  readonly match?: ConditionMatch;
  readonly actions: readonly Action[];
}

export type ConditionMatch = 'all' | 'any';

export const triggerKinds = [
  'message_captured',
  'unknown_sender',
  'intent_detected',
  'keyword',
  'sentiment_detected',
  'thread_unanswered',
  'follow_up_due',
  'meeting_booked',
  'meeting_cancelled',
  'tracked_open',
  'tracked_click',
] as const;
export type TriggerKind = (typeof triggerKinds)[number];

export type Trigger =
  | { readonly kind: 'message_captured'; readonly direction: 'inbound' | 'outbound' | 'any' }
  /** Inbound mail from an address no contact or lead has, at a domain no account has. */
  | { readonly kind: 'unknown_sender' }
  | { readonly kind: 'intent_detected'; readonly intents: readonly Intent[] }
  /** Any of the words in the subject or the new text of the body, ignoring case. */
  | { readonly kind: 'keyword'; readonly words: readonly string[] }
  | { readonly kind: 'sentiment_detected'; readonly sentiment: Sentiment }
  /** The thread's last message is inbound and has waited this long in its owner's working hours. */
  | { readonly kind: 'thread_unanswered'; readonly businessHours: number }
  /** A follow-up set on the thread fell due with no reply from its assignee. */
  | { readonly kind: 'follow_up_due' }
  /** A captured message carried an invitation to a meeting not seen before. */
  | { readonly kind: 'meeting_booked' }
  /** A captured message cancelled a meeting. */
  | { readonly kind: 'meeting_cancelled' }
  /** The tracking of sent mail saw the recipient open it (first open per message). */
  | { readonly kind: 'tracked_open' }
  /** The tracking of sent mail saw a click on one of its links (first click per link). */
  | { readonly kind: 'tracked_click' };

/** Fields a condition can test; each may hold several values (a message links several deals). */
export const conditionFields = [
  'direction',
  'sender',
  'sender_domain',
  'country',
  'intent',
  'sentiment',
  'subject',
  'account_owner',
  'deal_stage',
  'case_status',
  'mailbox_owner',
  'owner_team',
] as const;
export type ConditionField = (typeof conditionFields)[number];

export type Condition =
  | {
      readonly field: ConditionField;
      /** `in`: some value equals one given; `contains`: some value contains one given (any case). */
      readonly op: 'in' | 'not_in' | 'contains';
      readonly values: readonly string[];
    }
  | { readonly field: 'deal_amount'; readonly op: 'at_least' | 'below'; readonly amount: number };

/** Who gets a new record, a task or a notification. */
export type OwnerChoice =
  | { readonly kind: 'user'; readonly userId: string }
  /** Round robin among the active users with this role. */
  | { readonly kind: 'role'; readonly role: 'admin' | 'manager' | 'rep' }
  | { readonly kind: 'round_robin'; readonly teamId: string }
  /** The rep of the sender's country in the territory table, else `fallbackUserId`. */
  | { readonly kind: 'territory'; readonly fallbackUserId?: string | undefined }
  | { readonly kind: 'mailbox_owner' };

export const actionKinds = [
  'create_lead',
  'create_contact',
  'create_task',
  'assign_record',
  'add_to_deal',
  'escalate',
  'notify',
  'webhook',
] as const;

export type Action =
  | { readonly kind: 'create_lead'; readonly owner: OwnerChoice }
  | { readonly kind: 'create_contact'; readonly owner: OwnerChoice }
  | {
      readonly kind: 'create_task';
      readonly title: string;
      readonly dueInBusinessHours: number;
      readonly owner: OwnerChoice;
    }
  /** Gives every record of this kind linked to the message a new owner. */
  | {
      readonly kind: 'assign_record';
      readonly recordType: 'account' | 'contact' | 'lead' | 'deal';
      readonly owner: OwnerChoice;
    }
  | { readonly kind: 'add_to_deal'; readonly dealId: string }
  /** Notifies the manager of the mailbox's owner. */
  | { readonly kind: 'escalate'; readonly note: string }
  | { readonly kind: 'notify'; readonly to: OwnerChoice; readonly note: string }
  | { readonly kind: 'webhook'; readonly endpointId: string };

/** The events a webhook endpoint can subscribe to. */
export const webhookEvents = [
  'rule.fired',
  'rule.webhook',
  'record.created',
  'task.created',
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];
