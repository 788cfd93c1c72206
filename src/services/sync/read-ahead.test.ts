import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.js';

/** A source of numbered batches that records when each is asked for and whether it ended. */
function countingSource(batches: number, options: { failAt?: number } = {}) {
  const log = { asked: 0, ended: false };
  async function* source() {
    try {
      for (let n = 1; n <= batches; n += 1) {
        log.asked = n;
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (n === options.failAt) throw new Error(`batch ${n} could not be fetched`);
        yield n;
      }
    } finally {
      log.ended = true;
    }
  }
  return { source: source(), log };
}

describe('readAhead', () => {
  it('hands over every batch in order, fetching each when asked for it', async () => {
    const { source, log } = countingSource(3);
    const batches = readAhead(source);
    const seen: number[] = [];
    for (let next = await batches.next(); !next.done; next = await batches.next()) {
      seen.push(next.value);
      expect(log.asked).toBe(next.value);
    }
    expect(seen).toEqual([1, 2, 3]);
  });

  it('fetches the next batch ahead only once asked to, and only one', async () => {
    const { source, log } = countingSource(5);
    const batches = readAhead(source);
    expect((await batches.next()).value).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log.asked).toBe(1);

    batches.fetchNext();
    batches.fetchNext();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log.asked).toBe(2);

    // The batch fetched ahead is the one handed over next, without asking the source again.
    expect((await batches.next()).value).toBe(2);
    expect(log.asked).toBe(2);
    expect((await batches.next()).value).toBe(3);
  });

  it('does not ask for another batch while the one being taken is still coming', async () => {
    const { source, log } = countingSource(5);
    const batches = readAhead(source);
    const taking = batches.next();
    batches.fetchNext();
    expect((await taking).value).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(log.asked).toBe(1);
  });

  it('reports a batch that failed while fetched ahead when it is taken', async () => {
    const { source } = countingSource(5, { failAt: 2 });
    const batches = readAhead(source);
    await batches.next();
    batches.fetchNext();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(batches.next()).rejects.toThrow('batch 2 could not be fetched');
  });

  it('on close, lets the fetch in flight settle and ends the source', async () => {
    const { source, log } = countingSource(5);
    const batches = readAhead(source);
    await batches.next();
    batches.fetchNext();
    await batches.close();
    expect(log.asked).toBe(2);
    expect(log.ended).toBe(true);
  });
});
