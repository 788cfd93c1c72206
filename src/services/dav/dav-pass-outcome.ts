import type { CollectionPass } from './collection-changes.js';

/** What one pass over a collection did, for the health view and the caller. */
export interface DavPassOutcome {
  readonly pass: CollectionPass;
  /** Objects fetched because they were new or changed. */
  readonly fetched: number;
  /** Of those, the ones that could not be read (kept with their reason). */
  readonly failed: number;
  /** Objects gone from the server. */
  readonly removed: number;
  /** Cards written to the server (address books only). */
  readonly written?: number;
}
