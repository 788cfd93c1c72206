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

  it('keeps the events it judged when it reads a message again, before their batch is stored', async () => {
    let now = 0;
    const stored: TrackedMessageRow['earlier'] = [{ kind: 'click', link: 0, at: new Date(1) }];
    const recent = createRecentTracked(
      async (id) => ({ ...row(id, new Date(0)), earlier: stored.map((e) => ({ ...e })) }),
      { maxEntries: 10, ttlMs: 1_000, keepEvents: 3, now: () => now },
    );
    const first = (await recent.get('c'))!;
    recent.remember(first, { kind: 'click', link: 0, at: new Date(1) });
    recent.remember(first, { kind: 'open', link: null, at: new Date(900) });
    now = 1_000;
    const again = (await recent.get('c'))!;
    expect(again.earlier.map((e) => `${e.kind} ${e.at.getTime()}`)).toEqual([
      'click 1',
      'open 900',
    ]);
    stored.push(
      { kind: 'open', link: null, at: new Date(900) },
      { kind: 'click', link: 1, at: new Date(950) },
    );
    now = 2_000;
    const third = (await recent.get('c'))!;
    expect(third.earlier.map((e) => `${e.kind} ${e.at.getTime()}`)).toEqual([
      'click 1',
      'open 900',
      'click 950',
    ]);
  });

  it('reads a message again from the store alone when the earlier read failed', async () => {
    let now = 0;
    let fail = true;
    const recent = createRecentTracked(
      async (id) => {
        if (fail) throw new Error('store unreachable');
        return row(id, new Date(0));
      },
      { maxEntries: 10, ttlMs: 1_000, keepEvents: 3, now: () => now },
    );
    await expect(recent.get('d')).rejects.toThrow('store unreachable');
    fail = false;
    now = 1_000;
    expect((await recent.get('d'))?.earlier).toEqual([]);
  });
});
