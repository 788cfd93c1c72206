import type { Link } from './link.js';

/** A message's link as stored, or as the decision core wants it. */
export interface LinkState {
  /** A record type (`account`, `contact` …), as stored. */
  readonly type: string;
  readonly recordId: string;
  readonly reason: string;
  readonly confidence: number;
  readonly source: 'auto' | 'rule' | 'manual';
  readonly ambiguous: boolean;
  readonly alternatives: readonly string[];
}

/** A decided link as it is stored: every optional field given its default. */
export function linkState(link: Link): LinkState {
  return {
    type: link.type,
    recordId: link.recordId,
    reason: link.reason,
    confidence: link.confidence,
    source: link.source,
    ambiguous: link.ambiguous ?? false,
    alternatives: [...(link.alternatives ?? [])],
  };
}

export interface LinkChanges {
  readonly add: readonly LinkState[];
  readonly remove: readonly LinkState[];
  /** The desired version of a stored link whose reason, confidence, source or alternatives changed. */
  readonly update: readonly LinkState[];
}

/**
 * What to write so a message's stored links become the desired ones, one
 * link per record. A link a user made by hand (source `manual`) is never
 * removed or rewritten: only a user undoes a user's choice.
 *
 * @example
 * reconcileLinks([contactC1], [contactC1, staleDeal, manualCase])
 * // { add: [], remove: [staleDeal], update: [] }
 */
export function reconcileLinks(
  desired: readonly LinkState[],
  stored: readonly LinkState[],
): LinkChanges {
  const key = (link: LinkState) => `${link.type}:${link.recordId}`;
  const storedByKey = new Map(stored.map((link) => [key(link), link]));
  const desiredByKey = new Map<string, LinkState>();
  for (const link of desired) if (!desiredByKey.has(key(link))) desiredByKey.set(key(link), link);

  const add: LinkState[] = [];
  const update: LinkState[] = [];
  for (const [id, link] of desiredByKey) {
    const current = storedByKey.get(id);
    if (!current) add.push(link);
    else if (current.source !== 'manual' && !sameLink(current, link)) update.push(link);
  }
  const remove = stored.filter((link) => link.source !== 'manual' && !desiredByKey.has(key(link)));
  return { add, remove, update };
}

function sameLink(a: LinkState, b: LinkState): boolean {
  return (
    a.reason === b.reason &&
    Math.abs(a.confidence - b.confidence) < 1e-6 &&
    a.source === b.source &&
    a.ambiguous === b.ambiguous &&
    a.alternatives.length === b.alternatives.length &&
    a.alternatives.every((id, i) => b.alternatives[i] === id)
  );
}
