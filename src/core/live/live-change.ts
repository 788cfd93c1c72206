/**
 * What the live UI is told when stored data changes. A change names only
 * ids, never content: a page that hears of one refetches through the read
 * API, so the sharing rules decide what it then shows.
 */
export type LiveTopic = 'mail' | 'links' | 'review' | 'mailboxes' | 'refiling' | 'undo' | 'tasks';

export interface LiveChange {
  readonly topic: LiveTopic;
  /** Ids of what changed: threads, mailboxes or runs, as the topic says; empty when many. */
  readonly ids: readonly string[];
  /** Only these users hear of it; everyone signed in when absent. */
  readonly userIds?: readonly string[];
}

/** Above this many ids a change says "many" (no ids): a notification's payload is small. */
export const maxLiveIds = 50;

export function liveChange(
  topic: LiveTopic,
  ids: readonly string[],
  userIds?: readonly string[],
): LiveChange {
  const named = ids.length > maxLiveIds ? [] : [...new Set(ids)];
  return userIds ? { topic, ids: named, userIds: [...userIds] } : { topic, ids: named };
}

/** Whether `userId` hears of the change. */
export function isHeardBy(change: LiveChange, userId: string): boolean {
  return !change.userIds || change.userIds.includes(userId);
}

/** A change as sent to a user: their own audience list is nobody's business. */
export function shownTo(change: LiveChange): { topic: LiveTopic; ids: readonly string[] } {
  return { topic: change.topic, ids: change.ids };
}

const topics: readonly LiveTopic[] = [
  'mail',
  'links',
  'review',
  'mailboxes',
  'refiling',
  'undo',
  'tasks',
];

/** A change read back from a notification; null when it is not one. */
export function parseLiveChange(text: string): LiveChange | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { topic, ids, userIds } = value as Record<string, unknown>;
  const strings = (list: unknown): list is string[] =>
    Array.isArray(list) && list.every((id) => typeof id === 'string');
  if (!topics.includes(topic as LiveTopic) || !strings(ids)) return null;
  if (userIds !== undefined && !strings(userIds)) return null;
  return liveChange(topic as LiveTopic, ids, userIds);
}
