import type { DirectoryIndex } from '../directory/index.js';
import type { ParsedMessage } from '../message.js';
import type { NoiseVerdict } from '../noise/verdict.js';
import type { SenderAuth } from '../sender-auth/verdict.js';
import { decide, type Decision } from './decide.js';
import { untrackedDecision } from './do-not-track.js';
import { emptyThreadContext, type ThreadContext } from './link.js';
import { proposeContacts, type ProposedContact } from './propose-contacts.js';
import { addCarriedLink, contextIn, copyContexts } from './thread-contexts.js';

/** One placed message of a batch, in the batch's order. */
export interface MessageToDecide {
  readonly message: ParsedMessage;
  readonly noise: NoiseVerdict;
  readonly threadId: string;
  /** Stored already, or an earlier copy in the batch: decided again, but proposes no contact. */
  readonly duplicate: boolean;
  /** Mail of someone who asked not to be tracked: never decided on its content. */
  readonly untracked: boolean;
  /** What was proven about the sender, when it was checked. */
  readonly senderAuth?: SenderAuth | null;
}

export interface MessageVerdict {
  readonly decision: Decision;
  /** Contacts to create for a new captured message (when the mailbox creates contacts). */
  readonly proposals: readonly ProposedContact[];
}

export interface BatchVerdicts {
  /** One per message, in order. */
  readonly verdicts: readonly MessageVerdict[];
  /** What each thread carries after the batch: what it carried, and the deals and cases linked now. */
  readonly contexts: ReadonlyMap<string, ThreadContext>;
}

/**
 * Decides a batch's messages in order. A deal or case linked to one message
 * is carried to the messages after it in the same thread, as it would be had
 * they come one batch each; untracked mail is decided as such, whatever it says.
 *
 * @example
 * // Grace's first message links deal d-7; her reply in the same thread, naming no deal, gets it too.
 * decideBatch({ messages: [first, reply], contexts: new Map(), ... }).verdicts
 *   .map((v) => v.decision.links.map((l) => l.recordId)) // [['d-7', …], ['d-7', …]]
 */
export function decideBatch(input: {
  readonly messages: readonly MessageToDecide[];
  readonly directory: DirectoryIndex;
  readonly ownerId: string;
  readonly createContacts: boolean;
  /** What the threads the messages land in carry already. */
  readonly contexts: ReadonlyMap<string, ThreadContext>;
  readonly now: Date;
}): BatchVerdicts {
  const { directory } = input;
  const contexts = copyContexts(input.contexts);
  const verdicts = input.messages.map((each) => {
    const { message, noise, threadId, duplicate, untracked } = each;
    const decision = untracked
      ? untrackedDecision
      : decide({
          message,
          noise,
          directory,
          mailboxOwnerUserId: input.ownerId,
          thread: contexts.get(threadId) ?? emptyThreadContext,
          now: input.now,
          senderAuth: each.senderAuth ?? null,
        });
    // A held unauthenticated message lends its thread no link and proposes no contact.
    const trusted = decision.heldForReview !== true;
    if (decision.captured && trusted) {
      for (const link of decision.links) addCarriedLink(contextIn(contexts, threadId), link);
    }
    const proposals =
      duplicate || !trusted
        ? []
        : proposeContacts({ message, decision, directory, createContacts: input.createContacts });
    return { decision, proposals };
  });
  return { verdicts, contexts };
}
