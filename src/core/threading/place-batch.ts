import { participantAddresses, type ParsedMessage } from '../message.js';
import { untrackedThreadId } from '../capture/do-not-track.js';
import { normalizeSubject, resolveThread, type SubjectCandidate } from './index.js';

/** How far apart two messages may be and still join one thread by their subject alone. */
export const threadWindowDays = 30;

/**
 * A thread as the capture stores it: its subject key, who took part, and
 * its span. Times are ISO strings (toISOString's form), as the store reads them.
 */
export interface ThreadSummary {
  id: string;
  subjectKey: string;
  participants: string[];
  firstAt: string | null;
  lastAt: string | null;
}

/** One message of a batch to place, in the batch's order. */
export interface MessageToPlace {
  readonly message: ParsedMessage;
  /** The message's storage key (services/capture/message-key.ts). */
  readonly key: string;
  /** Mail of someone who asked not to be tracked (core/capture/do-not-track.ts). */
  readonly untracked: boolean;
}

/** Where one message lands. */
export interface Placement {
  readonly threadId: string;
  /** Stored already, or an earlier copy in the same batch: it adds nothing to its thread. */
  readonly duplicate: boolean;
  readonly untracked: boolean;
}

/** What the store knew when the batch was placed. */
export interface KnownThreads {
  /** The thread of each stored message, by key. */
  readonly threadOfKey: ReadonlyMap<string, string>;
  /** The thread of each stored message, by Message-ID. */
  readonly threadOfMessageId: ReadonlyMap<string, string>;
  /** Stored threads the batch's subjects may join. */
  readonly subjectThreads: readonly ThreadSummary[];
}

export interface BatchPlacement {
  /** One per message, in order. */
  readonly placements: readonly Placement[];
  /** The threads the batch opens or extends, with what its new messages add to them. */
  readonly threads: ReadonlyMap<string, ThreadSummary>;
  /** The thread of every message placed, by key. */
  readonly threadOfKey: ReadonlyMap<string, string>;
  /** The same by Message-ID, untracked mail left out. */
  readonly threadOfMessageId: ReadonlyMap<string, string>;
}

/**
 * Places a batch's messages in threads, in order: a message may join a
 * thread that one earlier in the batch started or named. A stored message
 * stays where it is; untracked mail goes to the one thread that says nothing
 * of whose it is; any other message goes where `resolveThread` says, with
 * the batch's own new messages among the subject candidates.
 *
 * @example
 * // A reply placed before its parent's thread is known lands where the parent did:
 * placeBatch([parent, reply], none, 'owner-1', 30).placements.map((p) => p.threadId)
 * // ['t-…a', 't-…a']
 */
export function placeBatch(
  messages: readonly MessageToPlace[],
  known: KnownThreads,
  ownerId: string,
  windowDays: number,
): BatchPlacement {
  const candidates = subjectCandidates(known.subjectThreads);
  const knownIds = new Map(known.threadOfMessageId);
  const threads = new Map<string, ThreadSummary>();
  const threadOfKey = new Map<string, string>();
  const threadOfMessageId = new Map<string, string>();
  const seenKeys = new Set<string>();
  const placements = messages.map(({ message, key, untracked }): Placement => {
    const stored = known.threadOfKey.get(key);
    const duplicate = stored !== undefined || seenKeys.has(key);
    seenKeys.add(key);
    if (untracked) {
      const threadId = stored ?? untrackedThreadId;
      threadOfKey.set(key, threadId);
      return { threadId, duplicate, untracked };
    }
    const subjectKey = normalizeSubject(message.subject);
    const threadId =
      stored ??
      threadOfKey.get(key) ??
      resolveThread(message, {
        threadOfMessageId: (id) => knownIds.get(id),
        subjectCandidates: () => candidates.get(subjectKey) ?? [],
        windowDays,
        contentKey: key,
        ownerId,
      });
    threadOfKey.set(key, threadId);
    if (message.messageId) {
      knownIds.set(message.messageId, threadId);
      threadOfMessageId.set(message.messageId, threadId);
    }
    if (!duplicate) {
      const participants = participantAddresses(message);
      threads.set(
        threadId,
        extended(threads.get(threadId), { threadId, subjectKey, participants, date: message.date }),
      );
      addCandidate(candidates, subjectKey, { threadId, participants, lastAt: message.date });
    }
    return { threadId, duplicate, untracked };
  });
  return { placements, threads, threadOfKey, threadOfMessageId };
}

/** By subject key, once: a batch has hundreds of messages and their subjects as many threads. */
function subjectCandidates(threads: readonly ThreadSummary[]): Map<string, SubjectCandidate[]> {
  const candidates = new Map<string, SubjectCandidate[]>();
  for (const thread of threads) {
    addCandidate(candidates, thread.subjectKey, {
      threadId: thread.id,
      participants: thread.participants,
      lastAt: thread.lastAt ? new Date(thread.lastAt) : null,
    });
  }
  return candidates;
}

function addCandidate(
  candidates: Map<string, SubjectCandidate[]>,
  subjectKey: string,
  candidate: SubjectCandidate,
): void {
  const list = candidates.get(subjectKey);
  if (list) list.push(candidate);
  else candidates.set(subjectKey, [candidate]);
}

/** The batch's row of a thread, with one more message in it. */
function extended(
  previous: ThreadSummary | undefined,
  added: { threadId: string; subjectKey: string; participants: string[]; date: Date | null },
): ThreadSummary {
  const sentAt = added.date?.toISOString() ?? null;
  return {
    id: added.threadId,
    subjectKey: added.subjectKey,
    participants: [...new Set([...(previous?.participants ?? []), ...added.participants])],
    firstAt: earlier(previous?.firstAt ?? null, sentAt),
    lastAt: later(previous?.lastAt ?? null, sentAt),
  };
}

/**
 * Thread rows read from the store joined with those a batch stored since: one
 * row per thread, as the store now holds it (participants of both, the wider span).
 */
export function mergeThreads(
  read: readonly ThreadSummary[],
  stored: readonly ThreadSummary[],
): ThreadSummary[] {
  const byId = new Map(read.map((row) => [row.id, row]));
  for (const row of stored) {
    const known = byId.get(row.id);
    byId.set(
      row.id,
      known
        ? {
            ...known,
            participants: [...new Set([...known.participants, ...row.participants])],
            firstAt: earlier(known.firstAt, row.firstAt),
            lastAt: later(known.lastAt, row.lastAt),
          }
        : row,
    );
  }
  return [...byId.values()];
}

function earlier(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

function later(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
