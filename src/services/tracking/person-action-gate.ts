/**
 * Which person actions (an open of a message, a click of one of its links)
 * to tell the workflow rules about. The rules fire once per open of a
 * message and per link clicked, so telling the same action again soon after
 * only costs the store its reads on every request under load. An action is
 * told again once `windowMs` has passed since it was last told, for a rule
 * switched on since; a repeat fires nothing twice. At most `maxEntries`
 * actions are remembered, the one told longest ago forgotten first.
 *
 * @example
 * const gate = createPersonActionGate({ windowMs: 60_000, maxEntries: 10 });
 * gate.shouldTell('m1\topen', 0); // true
 * gate.shouldTell('m1\topen', 5_000); // false
 * gate.shouldTell('m1\topen', 60_000); // true
 */
export function createPersonActionGate(options: { windowMs: number; maxEntries: number }) {
  /** Last told, in the order of telling (a key told again moves to the end). */
  const told = new Map<string, number>();
  return {
    shouldTell(action: string, atMs: number): boolean {
      const last = told.get(action);
      if (last !== undefined && atMs - last < options.windowMs) return false;
      told.delete(action);
      told.set(action, atMs);
      if (told.size > options.maxEntries) told.delete(told.keys().next().value!);
      return true;
    },
    /** Forgets an action whose telling failed, so that its next request tells it again. */
    forget(action: string): void {
      told.delete(action);
    },
  };
}
