import type { DavCollection, DavObjectData } from '../../adapters/dav/dav-collection.js';
import type { DavObjectRow } from '../../adapters/db/repositories/dav-sources.js';
import { isThreadlineError } from '../../core/errors.js';
import { objectChanges } from '../../core/dav/object-changes.js';

/** What to do in one pass over a collection, and where the next pass starts. */
export interface CollectionPass {
  /** New or changed objects whose ETag differs from the stored one: to fetch. */
  readonly changed: readonly { href: string; etag: string }[];
  readonly removed: readonly string[];
  /** What the last pass stored of the objects this one touches, by href. */
  readonly known: ReadonlyMap<string, DavObjectRow>;
  readonly syncToken: string | null;
  readonly ctag: string | null;
  /** Objects on the server after this pass. */
  readonly serverCount: number;
}

/** What the last passes stored of a collection's objects. */
export interface StoredObjects {
  /** The stored rows of these hrefs only: an incremental pass reads no more than its changes. */
  at(hrefs: readonly string[]): Promise<DavObjectRow[]>;
  all(): Promise<DavObjectRow[]>;
  count(): Promise<number>;
}

/**
 * The changes since the last pass: by sync-collection where the server
 * offers it, else by CTag (nothing to do when it has not moved) and a
 * listing of ETags. Objects whose ETag is the one stored are left out,
 * which is how our own writes are not read back as the user's. With
 * sync-collection only the rows of the changed objects are read, so a pass
 * with one change costs the same over ten objects or ten thousand.
 */
export async function collectionPass(
  collection: DavCollection,
  checkpoint: { syncToken: string | null; ctag: string | null },
  stored: StoredObjects,
): Promise<CollectionPass> {
  const delta = await collection.changesSince(checkpoint.syncToken);
  if (delta) {
    const rows = await stored.at([...delta.changed.map((object) => object.href), ...delta.removed]);
    const known = new Map(rows.map((row) => [row.href, row]));
    const removed = delta.removed.filter((href) => known.has(href));
    const changed = delta.changed.filter(
      (object) => object.etag === '' || known.get(object.href)?.etag !== object.etag,
    );
    const added = changed.filter((object) => !known.has(object.href)).length;
    return {
      changed,
      removed,
      known,
      syncToken: delta.syncToken,
      ctag: null,
      serverCount: (await stored.count()) + added - removed.length,
    };
  }
  const ctag = await collection.ctag();
  if (ctag !== null && ctag === checkpoint.ctag) {
    const serverCount = await stored.count();
    return { changed: [], removed: [], known: new Map(), syncToken: null, ctag, serverCount };
  }
  const [listed, all] = [await collection.list(), await stored.all()];
  const changes = objectChanges(all, listed);
  const changedSet = new Set(changes.changed);
  return {
    changed: listed.filter((object) => changedSet.has(object.href)),
    removed: changes.removed,
    known: new Map(all.map((row) => [row.href, row])),
    syncToken: null,
    ctag,
    serverCount: listed.length,
  };
}

/** An object the server would not hand over, with its reason. */
export interface UnreadableObject {
  readonly href: string;
  readonly etag: string;
  readonly error: string;
}

/**
 * Fetches a batch of objects; when the server refuses the batch, fetches
 * them one by one, so one object it cannot serve does not stop the others.
 */
export async function fetchBatch(
  collection: DavCollection,
  objects: readonly { href: string; etag: string }[],
): Promise<{ fetched: DavObjectData[]; unreadable: UnreadableObject[] }> {
  try {
    return { fetched: await collection.fetch(objects.map((o) => o.href)), unreadable: [] };
  } catch (error) {
    if (!isThreadlineError(error) || error.code !== 'PROTOCOL_ERROR') throw error;
  }
  const fetched: DavObjectData[] = [];
  const unreadable: UnreadableObject[] = [];
  for (const object of objects) {
    try {
      fetched.push(...(await collection.fetch([object.href])));
    } catch (error) {
      if (!isThreadlineError(error) || error.code !== 'PROTOCOL_ERROR') throw error;
      unreadable.push({ ...object, error: error.message });
    }
  }
  return { fetched, unreadable };
}
