import { randomUUID } from 'node:crypto';
import type { TrackingTokens } from '../../adapters/crypto/tracking-token.js';
import type { Database, Queryable } from '../../adapters/db/database.js';
import { crmRecordsRepository } from '../../adapters/db/repositories/crm-records.js';
import { ThreadlineError } from '../../core/errors.js';
import { settingsRepository } from '../../adapters/db/repositories/settings.js';
import { trackingRepository } from '../../adapters/db/repositories/tracking.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import type { Clock } from '../../adapters/system/clock.js';
import type { DirectoryIndex } from '../../core/directory/index.js';
import { bestTimeToContact } from '../../core/tracking/best-time.js';
import { judgeTrackingEvent } from '../../core/tracking/judge-event.js';
import { trackedHtml } from '../../core/tracking/tracked-html.js';
import { trackingChoice, type TrackingChoice } from '../../core/tracking/tracking-choice.js';
import { readerOf } from '../mail-reads/mail-reads-service.js';
import { createEventWriter } from './event-writer.js';
import { createPersonActionGate } from './person-action-gate.js';
import { createRecentTracked } from './recent-tracked.js';
import { readsByTick } from './reads-by-tick.js';

/** The organisation setting that allows tracking at all; off until an admin turns it on. */
const allowedKey = 'tracking.allowed';

/** A request to the pixel or a click redirect, as the public endpoint received it. */
export interface TrackingHit {
  readonly token: string;
  readonly method: string;
  readonly userAgent: string;
  readonly ip: string | null;
  /** Whether the browser sent the cookie of someone signed in to Threadline. */
  readonly signedIn: boolean;
}

/** An open or a click judged a person's, on a stored message. */
export interface PersonAction {
  readonly messageId: string;
  readonly kind: 'open' | 'click';
  readonly url: string | null;
}

/** A person action waiting to be told, by its tracked message. */
interface PendingAction {
  readonly key: string;
  readonly trackedId: string;
  readonly kind: 'open' | 'click';
  readonly url: string | null;
}

/** A message about to be queued, with tracking decided: its HTML, and what to store beside it. */
export interface TrackingPlan {
  readonly choice: TrackingChoice;
  readonly html: string | null;
  save(tx: Queryable, outboxId: string): Promise<void>;
}

/**
 * Open and click tracking of mail sent from Threadline: deciding whether a
 * message is tracked and rewriting it, answering the public pixel and
 * redirects (each request judged and stored once), and what people did
 * for the thread, the timeline and a contact's best time.
 */
export function createTrackingService(deps: {
  database: Database;
  tokens: TrackingTokens;
  clock: Clock;
  directory: { current(): Promise<DirectoryIndex> };
  /** Where recipients reach this server; tracking needs one. */
  publicUrl: string | null;
  /** Told when a batch of events could not be stored. */
  onWriteError?: (error: unknown) => void;
  /**
   * Told, a batch at a time, of opens and clicks judged a person's, each with
   * the stored message it concerns (none until the Sent copy is captured):
   * workflow rules act on them.
   */
  onPersonActions?: (actions: readonly PersonAction[]) => Promise<void>;
}) {
  const tracking = trackingRepository(deps.database);
  const settings = settingsRepository(deps.database);
  const records = crmRecordsRepository(deps.database);
  const base = deps.publicUrl?.replace(/\/+$/, '') ?? null;
  const recent = createRecentTracked(
    readsByTick((ids) => tracking.trackedMessages(ids)),
    {
      maxEntries: 10_000,
      ttlMs: 60_000,
      keepEvents: 50,
      now: () => deps.clock.now().getTime(),
    },
  );
  const report = deps.onWriteError ?? (() => {});
  const writer = createEventWriter((events) => tracking.insertEvents(events), {
    flushMs: 20,
    maxBatch: 500,
    onError: report,
  });
  // After the answers' data is decided, never in their way: a rule's work is not the
  // pixel's. A batch at a time, so a burst of them costs the store a few reads, and
  // never queues ahead of the pixels' own.
  const tells = createEventWriter<PendingAction>(tellPersonActions, {
    flushMs: 50,
    maxBatch: 500,
    onError: report,
  });

  const allowed = async () => (await settings.setting(allowedKey)) === true;

  type Hit = { kind: 'open' } | { kind: 'click'; target: string } | null;
  const inFlight = new Set<Promise<Hit>>();
  const personActions = createPersonActionGate({ windowMs: 60_000, maxEntries: 50_000 });

  async function judge(request: TrackingHit): Promise<Hit> {
    const target = deps.tokens.verify(request.token);
    if (!target) return null;
    const tracked = await recent.get(target.trackedId);
    if (!tracked) return null;
    const link = target.kind === 'click' ? target.link : null;
    const destination = link === null ? null : tracked.links[link];
    if (link !== null && destination === undefined) return null;
    const at = deps.clock.now();
    const judged = judgeTrackingEvent(
      { kind: target.kind, link, at, ...request },
      {
        sentAt: tracked.sentAt,
        senderIp: tracked.senderIp,
        linkCount: tracked.links.length,
        earlier: tracked.earlier,
      },
    );
    recent.remember(tracked, { kind: target.kind, link, at });
    writer.add({
      trackedMessageId: tracked.id,
      kind: target.kind,
      link,
      at,
      ...judged,
      userAgent: request.userAgent.slice(0, 300),
    });
    const key = `${tracked.id}\t${target.kind}\t${link ?? ''}`;
    if (
      judged.verdict === 'human' &&
      deps.onPersonActions &&
      personActions.shouldTell(key, at.getTime())
    ) {
      tells.add({ key, trackedId: tracked.id, kind: target.kind, url: destination ?? null });
    }
    return destination ? { kind: 'click', target: destination } : { kind: 'open' };
  }

  async function tellPersonActions(pending: readonly PendingAction[]): Promise<void> {
    try {
      const stored = await tracking.storedMessagesOf([...new Set(pending.map((p) => p.trackedId))]);
      const actions = pending.flatMap(({ trackedId, kind, url }) => {
        const messageId = stored.get(trackedId);
        return messageId ? [{ messageId, kind, url }] : [];
      });
      if (actions.length > 0) await deps.onPersonActions!(actions);
    } catch (error) {
      for (const { key } of pending) personActions.forget(key);
      report(error);
    }
  }

  return {
    allowed,
    setAllowed: (value: boolean) => settings.saveSetting(allowedKey, value),

    /** Decides whether the message goes tracked and, if so, rewrites its HTML. */
    async plan(message: {
      requested: boolean;
      recipients: readonly string[];
      html: string | null;
      senderIp: string | null;
    }): Promise<TrackingPlan> {
      const untracked = (choice: TrackingChoice): TrackingPlan => ({
        choice,
        html: message.html,
        save: async () => {},
      });
      if (!message.requested) return untracked({ track: false, reason: 'not asked for' });
      if (!base) {
        return untracked({ track: false, reason: 'THREADLINE_PUBLIC_URL is not set' });
      }
      const choice = trackingChoice(
        { ...message, allowed: await allowed(), hasHtml: message.html !== null },
        await deps.directory.current(),
      );
      if (!choice.track || message.html === null) return untracked(choice);
      const trackedId = randomUUID();
      const url = (kind: 'o' | 'c', token: string) => `${base}/t/${kind}/${token}`;
      const tracked = trackedHtml(message.html, {
        pixel: url('o', deps.tokens.sign({ kind: 'open', trackedId })),
        click: (link) => url('c', deps.tokens.sign({ kind: 'click', trackedId, link })),
      });
      return {
        choice,
        html: tracked.html,
        save: (tx, outboxId) =>
          trackingRepository(tx).insertTrackedMessage({
            id: trackedId,
            outboxId,
            links: tracked.links,
            recipients: message.recipients,
            senderIp: message.senderIp,
          }),
      };
    },

    /**
     * Judges one request to the pixel or a redirect and queues its event
     * for the next batch written. Null for a token that is not genuine or
     * whose message is gone; a click's target comes from the stored
     * message alone.
     */
    hit(request: TrackingHit): Promise<Hit> {
      const judging = judge(request);
      inFlight.add(judging);
      void judging.then(
        () => inFlight.delete(judging),
        () => inFlight.delete(judging),
      );
      return judging;
    },

    /** Resolves once every request received so far is judged and its event stored. */
    async flush(): Promise<void> {
      await Promise.allSettled([...inFlight]);
      await writer.flush();
      await tells.flush();
    },

    threadCounts: (user: UserRow, threadIds: readonly string[]) =>
      tracking.threadCounts(readerOf(user), threadIds),

    /** A message's opens and clicks, each with its verdict and reason; people's counted. */
    async messageTracking(user: UserRow, messageId: string) {
      const events = await tracking.messageEvents(readerOf(user), messageId);
      const human = events.filter((e) => e.verdict === 'human');
      return {
        opens: human.filter((e) => e.kind === 'open').length,
        clicks: human.filter((e) => e.kind === 'click').length,
        events,
      };
    },

    /** When the contact tends to read and answer mail, in their time zone. */
    async bestTime(user: UserRow, contactId: string, timeZone: string | null) {
      if (!(await records.recordExists('contact', contactId))) {
        throw new ThreadlineError('NOT_FOUND', `No contact with id ${contactId}`);
      }
      const zone = timeZone ?? (await tracking.contactTimeZone(contactId)) ?? 'UTC';
      return bestTimeToContact(await tracking.contactActivity(readerOf(user), contactId), zone);
    },
  };
}

export type TrackingService = ReturnType<typeof createTrackingService>;
