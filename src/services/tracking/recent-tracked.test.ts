import { describe, expect, it } from 'vitest';
import type { TrackedMessageRow } from '../../adapters/db/repositories/tracking.js';
import { createRecentTracked } from './recent-tracked.js';

const row = (id: string, sentAt: Date | null): TrackedMessageRow => ({
  id,
  links: [],
  senderIp: null,
  senderId: 'u',
  sentAt,
  earlier: [],
});

describe('recently requested tracked messages', () => {
  it('reads a message once per burst, and again once it is older than the time kept', async () => {
    let now = 0;
    const reads: string[] = [];
    const recent = createRecentTracked(
      async (id) => {
        reads.push(id);
        return row(id, new Date(0));
      },
      { maxEntries: 10, ttlMs: 1_000, keepEvents: 2, now: () => now },
    );
    await recent.get('a');
    await recent.get('a');
    now = 1_000;
    await recent.get('a');
    expect(reads).toEqual(['a', 'a']);
  });

  it('does not keep a message not sent yet, and keeps only the latest events', async () => {
    const reads: string[] = [];
    const recent = createRecentTracked(
      async (id) => {
        reads.push(id);
        return row(id, null);
      },
      { maxEntries: 10, ttlMs: 1_000, keepEvents: 2, now: () => 0 },
    );
    const found = (await recent.get('b'))!;
    await new Promise((resolve) => setTimeout(resolve, 0));
    await recent.get('b');
    expect(reads).toEqual(['b', 'b']);
    for (const at of [1, 2, 3])
      recent.remember(found, { kind: 'open', link: null, at: new Date(at) });
    expect(found.earlier.map((e) => e.at.getTime())).toEqual([2, 3]);
  });
});
