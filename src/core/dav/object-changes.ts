/** An object of a DAV collection: its URL and version. */
export interface ObjectVersion {
  readonly href: string;
  readonly etag: string;
}

export interface ObjectChanges {
  /** New or changed since the last sync: to fetch. */
  readonly changed: readonly string[];
  /** Gone from the server. */
  readonly removed: readonly string[];
}

/**
 * What changed in a collection whose server offers no sync-collection: the
 * objects it lists now against those the last sync stored, by ETag. An
 * object stored with a reading error is fetched again only when its ETag
 * moves, so a broken object is not read over and over.
 *
 * @example
 * objectChanges([{ href: 'a', etag: '1' }], [{ href: 'a', etag: '2' }, { href: 'b', etag: '1' }])
 * // { changed: ['a', 'b'], removed: [] }
 */
export function objectChanges(
  stored: readonly ObjectVersion[],
  listed: readonly ObjectVersion[],
): ObjectChanges {
  const storedEtags = new Map(stored.map((object) => [object.href, object.etag]));
  const listedHrefs = new Set(listed.map((object) => object.href));
  return {
    changed: listed
      .filter((object) => storedEtags.get(object.href) !== object.etag || object.etag === '')
      .map((object) => object.href),
    removed: stored.filter((object) => !listedHrefs.has(object.href)).map((object) => object.href),
  };
}
