import type { Database } from '../../adapters/db/database.js';
import { storedSenderAuth } from '../../core/sender-auth/verdict.js';
import {
  reevaluationStoreRepository,
  type StoredDecision,
  type StoredLink,
  type StoredMessageForDecision,
} from '../../adapters/db/repositories/reevaluation-store.js';
import { decide, type Decision } from '../../core/capture/decide.js';
import { emptyThreadContext } from '../../core/capture/link.js';
import { linkState, reconcileLinks, type LinkState } from '../../core/capture/reconcile-links.js';
import type { DirectoryIndex } from '../../core/directory/index.js';
import type { ParsedMessage } from '../../core/message.js';
import {
  isCapturable,
  noiseCategories,
  type NoiseCategory,
  type NoiseVerdict,
} from '../../core/noise/verdict.js';
import { threadContexts } from '../../core/capture/thread-contexts.js';
import { isNothingToRefile, type RefileScope } from '../../core/capture/refile-scope.js';

export interface ReevaluationCounts {
  messages: number;
  /** Mailbox decisions whose verdict (captured, category or reasons) changed. */
  decisionsChanged: number;
  nowCaptured: number;
  noLongerCaptured: number;
  linksAdded: number;
  linksRemoved: number;
  linksUpdated: number;
}

const pageSize = 200;
const firstId = '00000000-0000-0000-0000-000000000000';

/**
 * Decides every stored message again against the current CRM, after records
 * were added or changed: each mailbox's decision, the message's organisation
 * view and its links (the difference only; manual links stay). Pages through
 * messages in id order, one transaction per page, so memory stays bounded
 * and an interruption leaves whole pages done.
 *
 * What is re-decided is what was stored: envelope, subject, date and the
 * text of captured mail. Noise does not depend on the CRM, so a stored noise
 * category stands; a message that was in scope before (`internal`,
 * `blocked`, `no_crm_participant`) is re-judged as a person's mail.
 */
export async function reevaluateMessages(
  database: Database,
  directory: DirectoryIndex,
  /** `threadId`: only that thread's messages. */
  options: { signal?: AbortSignal; now?: () => Date; threadId?: string } = {},
): Promise<ReevaluationCounts> {
  const counts = noCounts();
  await reevaluateThreads(
    database,
    directory,
    options.threadId === undefined ? null : [options.threadId],
    counts,
    options,
  );
  return counts;
}

/**
 * Decides again only the stored messages a CRM change concerns (see
 * `refileScope`) and the rest of their threads, whose context they are;
 * everything when the scope says so. A change that concerns no mail reads
 * nothing.
 */
export async function refileMessages(
  database: Database,
  directory: DirectoryIndex,
  scope: RefileScope,
  options: RefileOptions = {},
): Promise<ReevaluationCounts> {
  const store = reevaluationStoreRepository(database);
  if (scope.everything) {
    await options.onTotal?.(await store.messageCount(null));
    return reevaluateMessages(database, directory, options);
  }
  const counts = noCounts();
  if (isNothingToRefile(scope)) return counts;
  const threads = await store.threadsConcerning(scope);
  await options.onTotal?.(await store.messageCount(threads));
  for (let start = 0; start < threads.length; start += pageSize) {
    await reevaluateThreads(
      database,
      directory,
      threads.slice(start, start + pageSize),
      counts,
      options,
    );
    await options.onProgress?.(counts.messages);
  }
  return counts;
}

export interface RefileOptions {
  signal?: AbortSignal;
  now?: () => Date;
  /** How many messages will be decided again, told before the first is. */
  onTotal?: (messages: number) => Promise<void> | void;
  /** How many have been, after each page. */
  onProgress?: (done: number) => Promise<void> | void;
}

function noCounts(): ReevaluationCounts {
  return {
    messages: 0,
    decisionsChanged: 0,
    nowCaptured: 0,
    noLongerCaptured: 0,
    linksAdded: 0,
    linksRemoved: 0,
    linksUpdated: 0,
  };
}

/** Pages through the messages of `threadIds` (all when null), deciding each page in one transaction. */
async function reevaluateThreads(
  database: Database,
  directory: DirectoryIndex,
  threadIds: readonly string[] | null,
  counts: ReevaluationCounts,
  options: { signal?: AbortSignal; now?: () => Date },
): Promise<void> {
  const now = options.now ?? (() => new Date());
  const reader = reevaluationStoreRepository(database);
  let afterId = firstId;
  for (;;) {
    options.signal?.throwIfAborted();
    const messages = await reader.page(afterId, pageSize, threadIds);
    if (messages.length === 0) return;
    afterId = messages[messages.length - 1]!.id;
    counts.messages += messages.length;
    await reevaluatePage(database, directory, messages, counts, now);
  }
}

async function reevaluatePage(
  database: Database,
  directory: DirectoryIndex,
  messages: readonly StoredMessageForDecision[],
  counts: ReevaluationCounts,
  now: () => Date,
): Promise<void> {
  const reader = reevaluationStoreRepository(database);
  const ids = messages.map((m) => m.id);
  const [decisions, links] = await Promise.all([reader.decisions(ids), reader.links(ids)]);
  // Each message is decided on what its thread carried when it came, so an
  // unchanged CRM gives the decision capture gave. What a thread carries
  // depends on whose mail is decided: each owner's decision sees only the
  // filings of the thread's mail that owner may see.
  const owners = [...new Set(decisions.map((d) => d.ownerId))];
  const contextsOf = new Map(
    await Promise.all(
      owners.map(async (ownerId) => {
        const rows = await reader.contextLinks(ids, ownerId);
        // One context per message rather than per thread.
        return [
          ownerId,
          threadContexts(rows.map((row) => ({ ...row, threadId: row.messageId }))),
        ] as const;
      }),
    ),
  );
  const changes = messages.flatMap((message) => {
    const rows = decisions.filter((d) => d.messageId === message.id);
    const noise = storedNoise(message, rows);
    // Noise is judged without the CRM: nothing a CRM change could alter.
    if (!isCapturable(noise.category)) return [];
    const parsed = asParsedMessage(message);
    return [
      redecide(
        message,
        rows,
        links.filter((l) => l.messageId === message.id),
        (ownerId) =>
          decide({
            message: parsed,
            noise,
            directory,
            mailboxOwnerUserId: ownerId,
            thread: contextsOf.get(ownerId)?.get(message.id) ?? emptyThreadContext,
            now: now(),
            senderAuth: storedSenderAuth(message.senderAuth),
          }),
      ),
    ];
  });
  await database.transaction(async (tx) => {
    const writer = reevaluationStoreRepository(tx);
    await writer.removeLinks(changes.flatMap((c) => c.removeLinks));
    await writer.upsertLinks(changes.flatMap((c) => c.upsertLinks));
    await writer.updateDecisions(changes.flatMap((c) => c.decisions));
    await writer.updateMessages(changes.flatMap((c) => (c.message ? [c.message] : [])));
  });
  for (const change of changes) {
    counts.decisionsChanged += change.decisions.length;
    counts.linksRemoved += change.removeLinks.length;
    counts.linksAdded += change.added;
    counts.linksUpdated += change.upsertLinks.length - change.added;
    if (change.message?.captured === true) counts.nowCaptured += 1;
    if (change.message?.captured === false) counts.noLongerCaptured += 1;
  }
}

/** One message's new decisions and the writes they need. */
function redecide(
  message: StoredMessageForDecision,
  decisions: readonly StoredDecision[],
  stored: readonly StoredLink[],
  decideFor: (ownerId: string) => Decision,
) {
  const verdicts = decisions.map((row) => ({ row, decision: decideFor(row.ownerId) }));
  const changedDecisions = verdicts
    .filter(({ row, decision }) => !sameVerdict(row, decision))
    .map(({ row, decision }) => ({
      messageId: row.messageId,
      mailboxId: row.mailboxId,
      captured: decision.captured,
      category: decision.category,
      reasons: [...decision.reasons],
    }));

  // The organisation's view, as ingest keeps it: the first capturing mailbox's decision,
  // else the decision that was the message's own before.
  const capturing = verdicts.find(({ decision }) => decision.captured);
  const own =
    capturing ?? verdicts.find(({ row }) => row.category === message.category) ?? verdicts[0];
  const desired: LinkState[] = verdicts.flatMap(({ decision }) =>
    decision.captured ? decision.links.map(linkState) : [],
  );
  const diff = reconcileLinks(desired, stored);
  const withMessage = (link: LinkState): StoredLink => ({
    messageId: message.id,
    type: link.type,
    recordId: link.recordId,
    reason: link.reason,
    confidence: link.confidence,
    source: link.source,
    ambiguous: link.ambiguous,
    alternatives: [...link.alternatives],
  });
  const wasCaptured = decisions.some((row) => row.captured);
  const viewChanged =
    own !== undefined &&
    (own.decision.captured !== wasCaptured || own.decision.category !== message.category);
  return {
    decisions: changedDecisions,
    removeLinks: diff.remove.map(withMessage),
    upsertLinks: [...diff.add, ...diff.update].map(withMessage),
    added: diff.add.length,
    message: viewChanged
      ? {
          id: message.id,
          captured: own.decision.captured,
          category: own.decision.category,
          reasons: [...own.decision.reasons],
        }
      : null,
  };
}

function sameVerdict(row: StoredDecision, decision: Decision): boolean {
  return (
    row.captured === decision.captured &&
    row.category === decision.category &&
    row.reasons.length === decision.reasons.length &&
    row.reasons.every((reason, i) => decision.reasons[i] === reason)
  );
}

const isNoiseCategory = (category: string): category is NoiseCategory =>
  (noiseCategories as readonly string[]).includes(category);

/**
 * The noise verdict a message had. The scope verdicts (`internal`, `blocked`,
 * `no_crm_participant`) only follow capturable noise, taken as a person's
 * mail. A captured decision's reasons start with the noise's own (a meeting's
 * `calendar METHOD:REQUEST`), followed by the participants', which are redone.
 */
function storedNoise(
  message: StoredMessageForDecision,
  rows: readonly StoredDecision[],
): NoiseVerdict {
  const row = rows.find((r) => isNoiseCategory(r.category));
  const category = isNoiseCategory(message.category)
    ? message.category
    : row && isNoiseCategory(row.category)
      ? row.category
      : 'human';
  const reasons = (row?.reasons ?? []).filter(
    (reason) => !/^(?:contact|lead|account) /.test(reason),
  );
  // A list post names its list among its reasons (`list address …`); decide needs it back.
  const listAddress = reasons.find((reason) => reason.startsWith('list address '))?.slice(13);
  return { category, reasons, failedRecipients: [], ...(listAddress ? { listAddress } : {}) };
}

/** The decision input rebuilt from what storage keeps of a message. */
function asParsedMessage(message: StoredMessageForDecision): ParsedMessage {
  const { envelope } = message;
  return {
    messageId: message.messageId,
    inReplyTo: envelope.inReplyTo ?? [],
    references: envelope.references ?? [],
    subject: message.subject,
    date: message.sentAt ? new Date(message.sentAt) : null,
    from: envelope.from ?? [],
    sender: null,
    replyTo: envelope.replyTo ?? [],
    to: envelope.to ?? [],
    cc: envelope.cc ?? [],
    bcc: [],
    returnPath: null,
    headers: {},
    contentType: '',
    text: message.textBody,
    html: null,
    attachments: (envelope.attachments ?? []).map((a) => ({
      ...a,
      contentHash: null,
      disposition: null,
      contentId: null,
    })),
    calendar: null,
    deliveryReport: null,
    size: message.size,
  };
}
