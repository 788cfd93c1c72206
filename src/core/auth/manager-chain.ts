/**
 * Whether making `managerId` the manager of `userId` closes a loop: the user
 * would end up above themselves when walking up from the new manager.
 * `managerOf` maps each user to their current manager.
 *
 * @example closesManagerLoop('a', 'b', new Map([['b', 'a']])) // true: b already reports to a
 * @example closesManagerLoop('a', 'b', new Map([['b', null]])) // false
 */
export function closesManagerLoop(
  userId: string,
  managerId: string,
  managerOf: ReadonlyMap<string, string | null>,
): boolean {
  const seen = new Set<string>();
  for (let current: string | null = managerId; current !== null;) {
    if (current === userId) return true;
    // A loop already stored elsewhere must not hang the walk.
    if (seen.has(current)) return false;
    seen.add(current);
    current = managerOf.get(current) ?? null;
  }
  return false;
}
