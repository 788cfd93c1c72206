import type { FetchMessageObject, FetchQueryObject, MessageStructureObject } from 'imapflow';
import type { FetchedMessage, MailSession } from '../../services/sync/mail-source.js';
import { detachedPartMarker } from '../mime/detached-parts.js';
import type { ImapSessionContext } from './imap-session-context.js';
import {
  assembleSkeleton,
  decodedBase64Size,
  detachableParts,
  partSizes,
  mayHoldDetachableParts,
  skeletonSections,
} from './message-skeleton.js';

/**
 * The message reads of a session: new messages in batches, as sources or
 * headers, and chosen messages whole, their large files detached.
 */
export function imapMessageFetches(
  session: ImapSessionContext,
): Pick<MailSession, 'fetchSince' | 'fetchWhole'> {
  const { client, fail, wrap, select } = session;
  /** Messages in the order the server answers, its errors made ours. */
  async function* stream(
    uids: readonly number[],
    query: FetchQueryObject,
    toMessage: (message: FetchMessageObject) => FetchedMessage,
  ): AsyncGenerator<FetchedMessage> {
    if (uids.length === 0) return;
    try {
      for await (const message of client.fetch(uids.join(','), query, { uid: true })) {
        yield toMessage(message);
      }
    } catch (error) {
      throw fail(error);
    }
  }
  const collect = async (messages: AsyncIterable<FetchedMessage>) => {
    const collected: FetchedMessage[] = [];
    for await (const message of messages) collected.push(message);
    return collected.sort((a, b) => a.uid - b.uid);
  };
  const streamSources = (uids: readonly number[], maxBytes: number | undefined) =>
    stream(
      uids,
      {
        uid: true,
        flags: true,
        internalDate: true,
        size: true,
        source: maxBytes === undefined ? true : { maxLength: maxBytes },
      },
      (message) =>
        toFetched(message, message.source, {
          truncated: maxBytes !== undefined && (message.size ?? 0) > maxBytes,
          headerOnly: false,
        }),
    );
  /**
   * Messages with large files, grouped by shape, from their structure
   * (BODYSTRUCTURE). A file over `maxBytes` is too large to keep and is left
   * on the server; a message is split only when what is fetched of it in
   * one piece fits in `maxBytes`, else it comes cut.
   */
  const detachGroups = async (
    uids: readonly number[],
    maxBytes: number | undefined,
    sizes: ReadonlyMap<number, number> | undefined,
  ) => {
    const groups = new Map<string, DetachGroup>();
    const candidates = uids.filter((uid) => mayHoldDetachableParts(sizes?.get(uid) ?? Infinity));
    if (candidates.length === 0) return groups;
    const query = { uid: true, size: true, bodyStructure: true } as const;
    for await (const m of client.fetch(candidates.join(','), query, { uid: true })) {
      const detached = m.bodyStructure ? detachableParts(m.bodyStructure) : [];
      if (detached.length === 0) continue;
      const encoded = partSizes(m.bodyStructure!);
      const rest = (m.size ?? 0) - detached.reduce((sum, part) => sum + encoded.get(part)!, 0);
      if (maxBytes !== undefined && rest > maxBytes) continue;
      const tooLarge = detached.filter(
        (part) => maxBytes !== undefined && decodedBase64Size(encoded.get(part)!) > maxBytes,
      );
      const parts = detached.filter((part) => !tooLarge.includes(part));
      const sections = skeletonSections(m.bodyStructure!, new Set(detached));
      // Messages alike in shape share one FETCH: one round trip, not one per message.
      const key = `${sections.join(' ')}|${parts.join(' ')}|${tooLarge.join(' ')}`;
      const group = groups.get(key) ?? { sections, parts, tooLarge, structures: new Map() };
      group.structures.set(m.uid, m.bodyStructure!);
      groups.set(key, group);
    }
    return groups;
  };
  /**
   * Whole sources, except that a message whose structure shows large files
   * comes as a skeleton with those files detached: the server decodes them
   * (BINARY) and the parser never reads their base64.
   */
  async function* wholeMessages(
    uids: readonly number[],
    options: {
      maxBytes?: number | undefined;
      sizes?: ReadonlyMap<number, number>;
      withoutFiles?: boolean;
    },
  ): AsyncGenerator<FetchedMessage> {
    const { maxBytes, sizes } = options;
    const groups = await wrap(() => detachGroups(uids, maxBytes, sizes));
    const split = new Set([...groups.values()].flatMap((group) => [...group.structures.keys()]));
    yield* streamSources(
      uids.filter((uid) => !split.has(uid)),
      maxBytes,
    );
    for (const group of groups.values()) {
      // A server that cannot decode a part (BINARY's UNKNOWN-CTE) refuses the
      // command: those messages come whole, for the parser to make what it can of them.
      const fetched = await fetchWithDetachedParts(group, !options.withoutFiles).catch(() => []);
      yield* fetched;
      const got = new Set(fetched.map((message) => message.uid));
      yield* streamSources(
        [...group.structures.keys()].filter((uid) => !got.has(uid)),
        maxBytes,
      );
    }
  }
  /**
   * Skeletons of messages alike in shape, with their detached parts unless only
   * the text is wanted; those the server answered short are left out.
   */
  const fetchWithDetachedParts = async (
    group: DetachGroup,
    withFiles: boolean,
  ): Promise<FetchedMessage[]> => {
    const range = [...group.structures.keys()].join(',');
    const skeletonQuery = {
      uid: true,
      flags: true,
      internalDate: true,
      size: true,
      headers: true,
      bodyParts: group.sections,
    };
    const skeletons: FetchMessageObject[] = [];
    for await (const m of client.fetch(range, skeletonQuery, { uid: true })) skeletons.push(m);
    const contents = new Map<number, (Buffer | undefined)[]>();
    const partsQuery = { uid: true, bodyParts: group.parts };
    const fetchParts = withFiles && group.parts.length > 0;
    const parts = fetchParts ? client.fetch(range, partsQuery, { uid: true, binary: true }) : [];
    for await (const m of parts) {
      contents.set(
        m.uid,
        group.parts.map((part) => decodedPart(m, part)),
      );
    }
    return skeletons.flatMap((message) => {
      const structure = group.structures.get(message.uid);
      const parts = contents.get(message.uid);
      const raw =
        structure && message.headers
          ? assembleSkeleton(
              structure,
              message.headers,
              message.bodyParts ?? new Map(),
              new Set([...group.parts, ...group.tooLarge]),
            )
          : null;
      const fetched = raw && toFetched(message, raw, { truncated: false, headerOnly: false });
      if (!fetched) return [];
      const encoded = partSizes(structure!);
      const tooLarge = group.tooLarge.map((part) => ({
        marker: detachedPartMarker(part),
        tooLarge: { size: decodedBase64Size(encoded.get(part)!) },
      }));
      if (!withFiles) return [tooLarge.length > 0 ? { ...fetched, detached: tooLarge } : fetched];
      if (group.parts.length > 0 && (!parts || parts.some((content) => !content))) return [];
      const detached = group.parts.map((part, i) => ({
        marker: detachedPartMarker(part),
        content: parts![i]!,
      }));
      return [{ ...fetched, detached: [...detached, ...tooLarge] }];
    });
  };
  const fetchHeaders = (uids: readonly number[]) =>
    collect(
      stream(uids, { uid: true, flags: true, internalDate: true, size: true, headers: true }, (m) =>
        toFetched(m, m.headers, { truncated: false, headerOnly: true }),
      ),
    );

  return {
    async *fetchSince(path, afterUid, options) {
      const uids = await wrap(async () => {
        await select(path);
        const found = await client.search(
          { uid: `${afterUid + 1}:*`, ...(options.sinceDate ? { since: options.sinceDate } : {}) },
          { uid: true },
        );
        // `n:*` always matches the last message, even when its UID is below n.
        return (found || []).filter((uid) => uid > afterUid).sort((a, b) => a - b);
      });
      const batchSize = Math.max(1, options.batchSize);
      for (let start = 0; start < uids.length; start += batchSize) {
        const chunk = uids.slice(start, start + batchSize);
        yield options.headersOnly
          ? await fetchHeaders(chunk)
          : await collect(streamSources(chunk, options.maxBytes));
      }
    },

    async *fetchWhole(path, uids, options = {}) {
      await wrap(() => select(path));
      yield* wholeMessages(uids, options);
    },
  };
}

/** Messages alike in shape: the same sections make their skeletons, the same parts are detached. */
interface DetachGroup {
  readonly sections: string[];
  /** Detached parts fetched apart. */
  readonly parts: string[];
  /** Detached parts left on the server, over the per-attachment limit. */
  readonly tooLarge: string[];
  readonly structures: Map<number, MessageStructureObject>;
}

/**
 * A detached part's bytes: as they came where the server decoded them
 * (BINARY), else base64 decoded here (every detached part is base64).
 */
function decodedPart(message: FetchMessageObject, part: string): Buffer | undefined {
  const content = message.bodyParts?.get(part);
  if (!content || message.binaryParts?.has(part)) return content;
  return Buffer.from(content.toString('latin1'), 'base64');
}

/** The message's flags but \Recent, which belongs to one session, not to the message. */
export function storedFlags(message: FetchMessageObject): string[] {
  return [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent');
}

function toFetched(
  message: FetchMessageObject,
  raw: Buffer | undefined,
  shape: { truncated: boolean; headerOnly: boolean },
): FetchedMessage {
  return {
    uid: message.uid,
    flags: storedFlags(message),
    internalDate: message.internalDate === undefined ? null : new Date(message.internalDate),
    size: message.size ?? raw?.length ?? 0,
    raw: raw ?? Buffer.alloc(0),
    ...shape,
  };
}
