import type { ChangeNotifier } from '../../adapters/db/change-notifier.js';
import {
  isHeardBy,
  liveChange,
  parseLiveChange,
  shownTo,
  type LiveChange,
  type LiveTopic,
} from '../../core/live/live-change.js';

/** A change as one user is told of it. */
export type ShownChange = ReturnType<typeof shownTo>;

/**
 * Telling open pages that stored data changed. Announcing never fails the
 * change it follows: the data is committed, and a page that missed a notice
 * still shows it on its next read.
 */
export function createLiveUpdates(notifier: ChangeNotifier) {
  return {
    async announce(
      topic: LiveTopic,
      ids: readonly string[],
      userIds?: readonly string[],
    ): Promise<void> {
      await notifier
        .publish(JSON.stringify(liveChange(topic, ids, userIds)))
        .catch(() => undefined);
    },

    /** Calls `onChange` with each change `userId` hears of, until the returned stop is called. */
    listen(userId: string, onChange: (change: ShownChange) => void): () => void {
      return notifier.subscribe((payload) => {
        const change: LiveChange | null = parseLiveChange(payload);
        if (change && isHeardBy(change, userId)) onChange(shownTo(change));
      });
    },

    close: () => notifier.close(),
  };
}

export type LiveUpdates = ReturnType<typeof createLiveUpdates>;
