import { describe, expect, it } from 'vitest';
import { createEventWriter, type PendingEvent } from './event-writer.js';

const event = (n: number): PendingEvent => ({
  trackedMessageId: `t-${n}`,
  kind: 'open',
  link: null,
  at: new Date(0),
  verdict: 'human',
  reason: 'test',
  userAgent: 'ua',
});

describe('the tracking event writer', () => {
  it('stores what arrives together in one write, and flush waits for it', async () => {
    const writes: string[][] = [];
    const writer = createEventWriter(
      async (events) => {
        writes.push(events.map((e) => e.trackedMessageId));
      },
      { flushMs: 1_000, maxBatch: 3, onError: () => {} },
    );
    for (const n of [1, 2, 3, 4]) writer.add(event(n));
    await writer.flush();
    expect(writes).toEqual([['t-1', 't-2', 't-3'], ['t-4']]);
  });

  it('reports a failed write and goes on with the next batch', async () => {
    const failures: unknown[] = [];
    let calls = 0;
    const writer = createEventWriter(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('store gone');
      },
      { flushMs: 1, maxBatch: 10, onError: (error) => failures.push(error) },
    );
    writer.add(event(1));
    await writer.flush();
    writer.add(event(2));
    await writer.flush();
    expect(calls).toBe(2);
    expect(failures).toEqual([new Error('store gone')]);
  });
});
