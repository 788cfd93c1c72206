/**
 * SQL for mail held in the review queue. A copy in a mailbox that
 * captures by review is held until its owner includes or files the thread:
 * only the owner sees it, and no record's timeline shows it.
 */

/**
 * Whether a copy that is being decided starts held: it is captured, its
 * mailbox `mailbox` captures by review, and the owner has not already
 * included or filed the thread (a reply in a filed conversation is filed too).
 */
export function heldOnArrival(copy: { messageId: string; captured: string; mailbox: string }) {
  return `(${copy.captured} AND ${copy.mailbox}.capture_mode = 'review' AND NOT EXISTS (
    SELECT 1 FROM review_decisions r JOIN messages hm ON hm.thread_id = r.thread_id
    WHERE hm.id = ${copy.messageId} AND r.user_id = ${copy.mailbox}.owner_id
      AND r.action IN ('include', 'file')))`;
}

/**
 * Holds when message `m` is filed: not every copy that captured it is held.
 * Record timelines and their counts show filed mail only.
 */
export function messageFiled(m: string): string {
  return `NOT EXISTS (
    SELECT 1 FROM message_decisions dh WHERE dh.message_id = ${m}.id AND dh.held
      AND NOT EXISTS (
        SELECT 1 FROM message_decisions df
        WHERE df.message_id = ${m}.id AND df.captured AND NOT df.held))`;
}
