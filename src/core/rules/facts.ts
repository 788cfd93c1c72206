import type { Intent } from '../intent/lexicon.js';
import type { Sentiment } from '../intent/read-intent.js';

/** A record linked to the message, with what conditions and actions read of it. */
export interface LinkedRecord {
  readonly type: 'account' | 'contact' | 'lead' | 'deal' | 'case';
  readonly id: string;
  readonly ownerId: string | null;
  /** Deals: the stage; cases: the status; others: empty. */
  readonly stage: string;
  readonly amount: number | null;
}

/** Everything a rule may look at about one captured message, gathered before evaluation. */
export interface MessageFacts {
  readonly messageId: string;
  /** The Message-ID (or content hash): the same across mailboxes, re-syncs and UIDVALIDITY changes. */
  readonly messageKey: string;
  readonly threadId: string;
  readonly sentAt: Date;
  /** False for mail capture left out because no participant is in the CRM: only `unknown_sender` reads it. */
  readonly captured: boolean;
  readonly direction: 'inbound' | 'outbound';
  readonly sender: string;
  readonly senderName: string;
  readonly senderDomain: string;
  /** A contact or lead has the sender's address. */
  readonly senderKnown: boolean;
  /** An account has the sender's domain. */
  readonly domainKnown: boolean;
  readonly subject: string;
  /**
   * The body's new text, quoted history and signature cut. This and the
   * intents and sentiment are read only when a rule that may fire needs
   * them (see `messageFacts`): empty, none and neutral otherwise.
   */
  readonly text: string;
  readonly intents: readonly { readonly intent: Intent; readonly reasons: readonly string[] }[];
  readonly sentiment: Sentiment;
  /** ISO 3166 alpha-2, from the contact, the lead, or the sender domain's country code. */
  readonly country: string | null;
  readonly mailboxOwnerId: string;
  readonly ownerTeamIds: readonly string[];
  readonly records: readonly LinkedRecord[];
  /** Meetings the message booked or cancelled. */
  readonly meetings: readonly MeetingChange[];
}

/** A meeting a captured message booked or cancelled, by its UID and occurrence. */
export interface MeetingChange {
  readonly change: 'booked' | 'cancelled';
  readonly uid: string;
  /** '' for the event or series itself. */
  readonly recurrenceId: string;
  readonly summary: string | null;
  readonly start: string | null;
}

/**
 * What started an evaluation: a message arrived, a time-based check found
 * a thread waiting or a follow-up due, a message booked or cancelled a
 * meeting, or the tracking of sent mail saw an open or a click. Every
 * event carries the facts of the message it is about.
 */
export type RuleEvent =
  | { readonly kind: 'message'; readonly facts: MessageFacts }
  | { readonly kind: 'follow_up_due'; readonly facts: MessageFacts; readonly followUpId: string }
  | { readonly kind: 'meeting'; readonly facts: MessageFacts; readonly meeting: MeetingChange }
  | {
      readonly kind: 'tracked';
      readonly facts: MessageFacts;
      readonly action: 'open' | 'click';
      /** The link clicked; null for an open. */
      readonly url: string | null;
    }
  | {
      readonly kind: 'unanswered';
      readonly facts: MessageFacts;
      /** Working hours since the last inbound message, in its mailbox owner's calendar. */
      readonly waitingBusinessHours: number;
    };
