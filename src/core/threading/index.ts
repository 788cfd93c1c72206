import { createHash } from 'node:crypto';
import { participantAddresses, type ParsedMessage } from '../message.js';

/**
 * Reply and forward prefixes in common languages: Re, Fwd, Fw, AW/WG (German),
 * SV/VS (Nordic), TR (French), RV/RE (Spanish), R/I (Italian), Antw/Doorst
 * (Dutch), RES/ENC (Portuguese), Odp/PD (Polish), Vá/Ynt… with counters such
 * as `RE[2]:` or `Re(3):`, and full-width colons.
 */
const maxSubjectScan = 4096;
const maxSubjectKeyLength = 300;

const prefix =
  /^\s*(?:\[[^\]]*\]\s*)?(?:re|fwd?|aw|wg|sv|vs|vb|tr|rv|r|i|antw|doorst|res|enc|odp|pd|fs|vl|ynt|ilt|atb|回复|回覆|转发|轉寄|答复|返信|転送|ΑΠ|ΣΧΕΤ|ПЕР|ОТВ|НА)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*/iu;

/**
 * The subject a thread is recognised by: reply and forward prefixes removed
 * (repeatedly: `Re: AW: Fwd: x` is `x`), whitespace collapsed, lower case.
 * Empty when nothing meaningful is left, and then the subject never joins threads.
 * At most 300 characters: the key is indexed, and an index entry has a size
 * limit that a hostile subject of any length must not reach.
 *
 * @example normalizeSubject('RE[2]: AW: Angebot  Q3') // 'angebot q3'
 */
export function normalizeSubject(subject: string): string {
  let rest = subject;
  for (;;) {
    const stripped = rest.replace(prefix, '');
    if (stripped === rest) break;
    rest = stripped;
  }
  const normalized = rest
    .slice(0, maxSubjectScan)
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .slice(0, maxSubjectKeyLength)
    .trimEnd();
  return normalized === '(no subject)' || normalized === 'no subject' ? '' : normalized;
}

/**
 * The message a thread started from, by the headers: the first Reference,
 * else In-Reply-To, else the message itself. A reply that arrives before its
 * parent carries the same root as the parent, so both land in one thread.
 */
export function threadRoot(message: Pick<ParsedMessage, 'references' | 'inReplyTo' | 'messageId'>) {
  return message.references[0] ?? message.inReplyTo[0] ?? message.messageId ?? null;
}

/** A thread known by its subject, for messages whose headers name no known message. */
export interface SubjectCandidate {
  readonly threadId: string;
  readonly participants: readonly string[];
  readonly lastAt: Date | null;
}

export interface ThreadLookup {
  /** The thread of an already stored message, by Message-ID. */
  threadOfMessageId(messageId: string): string | undefined;
  /** Threads with the same normalised subject. */
  subjectCandidates(): readonly SubjectCandidate[];
  windowDays: number;
  /** The message's storage key: names a new thread when there is no Message-ID. */
  contentKey: string;
  /** The owner of the mailbox the message is decided for: new threads are theirs. */
  ownerId: string;
}

const dayMs = 86_400_000;

/**
 * The thread a message belongs to, in this order: a message named in its
 * References or In-Reply-To (nearest first); else a thread with the same
 * normalised subject, shared participants and activity within the window
 * (the most recent wins); else a new thread whose id derives from the root
 * and the owner, so a re-import groups exactly the same way, and a message
 * naming someone else's as its root does not land in their thread by that
 * name alone. The lookup offers only threads the owner may see.
 */
export function resolveThread(message: ParsedMessage, lookup: ThreadLookup): string {
  for (const id of [...message.inReplyTo, ...[...message.references].reverse()]) {
    const thread = lookup.threadOfMessageId(id);
    if (thread) return thread;
  }
  if (normalizeSubject(message.subject)) {
    const participants = new Set(participantAddresses(message));
    const needed = Math.min(2, participants.size);
    const matching = lookup.subjectCandidates().filter((candidate) => {
      const shared = candidate.participants.filter((p) => participants.has(p)).length;
      if (needed === 0 || shared < needed) return false;
      if (!message.date || !candidate.lastAt) return true;
      return (
        Math.abs(message.date.getTime() - candidate.lastAt.getTime()) <= lookup.windowDays * dayMs
      );
    });
    const best = matching.sort(
      (a, b) =>
        (b.lastAt?.getTime() ?? 0) - (a.lastAt?.getTime() ?? 0) ||
        a.threadId.localeCompare(b.threadId),
    )[0];
    if (best) return best.threadId;
  }
  return threadIdOf(threadRoot(message) ?? lookup.contentKey, lookup.ownerId);
}

/** Stable thread id from a root Message-ID (or content key) and the owner of the mail. */
export function threadIdOf(root: string, ownerId: string): string {
  return `t-${createHash('sha256').update(`${ownerId}\n${root}`).digest('hex').slice(0, 24)}`;
}
