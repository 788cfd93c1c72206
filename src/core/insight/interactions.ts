/** One message of a thread, as the relationship scores see it: who wrote to whom, and when. */
export interface ThreadMessage {
  readonly threadId: string;
  readonly sentAt: Date;
  readonly from: string;
  /** Every other address on the message (To, Cc), lower case. */
  readonly recipients: readonly string[];
}

export type InteractionKind =
  'reply_received' | 'message_received' | 'message_sent' | 'meeting' | 'human_open';

/** Something that happened between one of our people and one of theirs. */
export interface Interaction {
  readonly kind: InteractionKind;
  readonly at: Date;
  /** How many messages the thread held up to and with this one; 0 for a meeting or an open. */
  readonly threadDepth: number;
  /** For a reply received: how long after our last message to them it came. */
  readonly responseMinutes: number | null;
}

/**
 * The interactions between two sets of addresses (ours and theirs) found in
 * messages of any threads: a message from us with one of them among its
 * recipients is sent; one from them to us is received, and a reply when we
 * had written to them earlier in its thread. Messages between other people,
 * or from us to us, are not interactions.
 *
 * @example
 * interactionsBetween(messages, new Set(['rita@us.example']), new Set(['ada@acme.com']))
 * // [{ kind: 'message_sent', ... }, { kind: 'reply_received', responseMinutes: 42, ... }]
 */
export function interactionsBetween(
  messages: readonly ThreadMessage[],
  us: ReadonlySet<string>,
  them: ReadonlySet<string>,
): Interaction[] {
  const byThread = new Map<string, ThreadMessage[]>();
  for (const message of messages) {
    const thread = byThread.get(message.threadId) ?? [];
    thread.push(message);
    byThread.set(message.threadId, thread);
  }
  const interactions: Interaction[] = [];
  for (const thread of byThread.values()) {
    thread.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
    let lastSentToThem: Date | null = null;
    thread.forEach((message, index) => {
      const threadDepth = index + 1;
      const toThem = message.recipients.some((address) => them.has(address));
      const toUs = message.recipients.some((address) => us.has(address));
      if (us.has(message.from) && toThem) {
        interactions.push({
          kind: 'message_sent',
          at: message.sentAt,
          threadDepth,
          responseMinutes: null,
        });
        lastSentToThem = message.sentAt;
      } else if (them.has(message.from) && toUs) {
        const repliedTo: Date | null = lastSentToThem;
        interactions.push(
          repliedTo
            ? {
                kind: 'reply_received',
                at: message.sentAt,
                threadDepth,
                responseMinutes: Math.max(
                  0,
                  (message.sentAt.getTime() - repliedTo.getTime()) / 60_000,
                ),
              }
            : { kind: 'message_received', at: message.sentAt, threadDepth, responseMinutes: null },
        );
        // A second message of theirs before we write again answers nothing of ours.
        lastSentToThem = null;
      }
    });
  }
  return interactions.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * Something other than a message that brought people together: a meeting
 * they both attended, or a person opening tracked mail we sent them.
 */
export interface Encounter {
  readonly kind: 'meeting' | 'human_open';
  readonly at: Date;
  /**
   * Everyone it joined, lower case: for a meeting its organiser and every
   * attendee who did not decline; for an open, the sender and the reader.
   */
  readonly people: readonly string[];
}

/**
 * The encounters with someone of ours and someone of theirs among their
 * people, as interactions: outside any thread, so never a deep thread's or
 * a fast reply's.
 *
 * @example
 * encountersBetween([{ kind: 'meeting', at, people: ['rita@us.example', 'ada@acme.com'] }],
 *   new Set(['rita@us.example']), new Set(['ada@acme.com']))
 * // [{ kind: 'meeting', at, threadDepth: 0, responseMinutes: null }]
 */
export function encountersBetween(
  encounters: readonly Encounter[],
  us: ReadonlySet<string>,
  them: ReadonlySet<string>,
): Interaction[] {
  return encounters
    .filter(
      (encounter) =>
        encounter.people.some((address) => us.has(address)) &&
        encounter.people.some((address) => them.has(address)),
    )
    .map((encounter) => ({
      kind: encounter.kind,
      at: encounter.at,
      threadDepth: 0,
      responseMinutes: null,
    }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** What the scores are made of: the messages, and the meetings and opens around them. */
export interface History {
  readonly messages: readonly ThreadMessage[];
  readonly encounters: readonly Encounter[];
}

/** Every interaction between our addresses and theirs in a history, oldest first. */
export function historyBetween(
  history: History,
  us: ReadonlySet<string>,
  them: ReadonlySet<string>,
): Interaction[] {
  return [
    ...interactionsBetween(history.messages, us, them),
    ...encountersBetween(history.encounters, us, them),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
}
