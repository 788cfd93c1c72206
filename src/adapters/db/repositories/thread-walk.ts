/**
 * SQL for lists paged by a keyset over the messages_at index: the list walks
 * messages newest first from its cursor and stops once its page is full, so
 * a page costs the same at the first thread as at the thousandth, and
 * nothing is read beyond it.
 */

/**
 * The predicate, checked for each row the walk passes rather than planned as
 * a join: a walk passes over few rows, and a semi-join over, say, every
 * decision row would read the whole table for each page (or each thread).
 */
export function rowByRow(predicate: string): string {
  return `(SELECT ${predicate})`;
}

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
  return rowByRow(`NOT EXISTS (
    SELECT 1 FROM messages nx
    WHERE nx.thread_id = ${m}.thread_id
      AND (${messageAt('nx')} > ${messageAt(m)} OR (${messageAt('nx')} = ${messageAt(m)} AND nx.id < ${m}.id))
      AND ${qualifies('nx')})`);
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

/**
 * A CTE `density` with one boolean, `dense`: whether the `candidates` (a
 * FROM ... WHERE that yields one row per candidate message) are one message
 * in twenty or more. Then a walk by date soon fills a page; sparser
 * candidates are better gathered by their own index and sorted, so a word
 * or a contact with a hundred messages among a million reads a hundred. The
 * count stops at the threshold.
 */
export function densityCte(candidates: string): string {
  const share = `(SELECT greatest(c.reltuples, 0)::bigint / 20 FROM pg_class c WHERE c.oid = 'messages'::regclass)`;
  return `density AS (
    SELECT count(*) >= ${share} AS dense
    FROM (SELECT 1 ${candidates} LIMIT ${share} + 1) AS x)`;
}
