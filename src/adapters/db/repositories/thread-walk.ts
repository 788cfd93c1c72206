/**
 * SQL for lists paged by a keyset over the messages_at index: the list walks
 * messages newest first from its cursor and stops once its page is full, so
 * a page costs the same at the first thread as at the thousandth, and
 * nothing is read beyond it.
 */

/** The date lists sort message `m` by, as the messages_at index has it: sent, else stored. */
export function messageAt(m: string): string {
  return `coalesce(${m}.sent_at, ${m}.created_at)`;
}

/**
 * Holds when message `m` is the newest of its thread among the messages
 * `qualifies` accepts (of equally new ones, the lowest id): a walk keeps
 * only these, so each thread appears once, at its last activity, and the
 * row's date is the thread's. `qualifies` must accept `m` itself.
 */
export function newestOfThread(m: string, qualifies: (n: string) => string): string {
  return `NOT EXISTS (
    SELECT 1 FROM messages nx
    WHERE nx.thread_id = ${m}.thread_id
      AND (${messageAt('nx')} > ${messageAt(m)} OR (${messageAt('nx')} = ${messageAt(m)} AND nx.id < ${m}.id))
      AND ${qualifies('nx')})`;
}

/**
 * Holds when message `m` sorts after the `(at, threadId)` cursor whose
 * parameters are `at` and `threadId`; `threadCursorParams` makes them.
 */
export function afterThreadCursor(m: string, at: string, threadId: string): string {
  return `(${messageAt(m)}, ${m}.thread_id) < (${at}::timestamptz, ${threadId}::text)`;
}

/**
 * A cursor's two parameters; no cursor is one before every message, so the
 * walk always starts with an index condition.
 */
export function threadCursorParams(after: { at: string; threadId: string } | null): string[] {
  return after ? [after.at, after.threadId] : ['infinity', ''];
}
