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
  /** The body's new text, quoted history and signature cut. */
  readonly text: string;
  readonly intents: readonly { readonly intent: Intent; readonly reasons: readonly string[] }[];
  readonly sentiment: Sentiment;
  /** ISO 3166 alpha-2, from the contact, the lead, or the sender domain's country code. */
  readonly country: string | null;
  readonly mailboxOwnerId: string;
  readonly ownerTeamIds: readonly string[];
  readonly records: readonly LinkedRecord[];
}

/** What started an evaluation: a message arrived, or a time-based check found a thread waiting. */
export type RuleEvent =
  | { readonly kind: 'message'; readonly facts: MessageFacts }
  | {
      readonly kind: 'unanswered';
      readonly facts: MessageFacts;
      /** Working hours since the last inbound message, in its mailbox owner's calendar. */
      readonly waitingBusinessHours: number;
    };
