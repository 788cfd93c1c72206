import { describe, expect, it } from 'vitest';
import { readsByTick } from './reads-by-tick.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('reads gathered per turn of the event loop', () => {
  it('reads the ids asked for together in one call, each once', async () => {
    const calls: string[][] = [];
    const byId = readsByTick(async (ids) => {
      calls.push([...ids]);
      return ids.map((id) => ({ id, n: id.length }));
    });
    const rows = await Promise.all([byId('a'), byId('bb'), byId('a')]);
    expect(rows).toEqual([
      { id: 'a', n: 1 },
      { id: 'bb', n: 2 },
      { id: 'a', n: 1 },
    ]);
    expect(calls).toEqual([['a', 'bb']]);
  });

  it('reads again for ids asked for on a later turn', async () => {
    const calls: string[][] = [];
    const byId = readsByTick(async (ids) => {
      calls.push([...ids]);
      return ids.map((id) => ({ id }));
    });
    await byId('a');
    await tick();
    await byId('b');
    expect(calls).toEqual([['a'], ['b']]);
  });

  it('answers null for an id the store does not have', async () => {
    const byId = readsByTick(async () => [{ id: 'known' }]);
    expect(await Promise.all([byId('known'), byId('gone')])).toEqual([{ id: 'known' }, null]);
  });

  it('fails every request of a read that failed, and reads afresh after', async () => {
    let fail = true;
    const byId = readsByTick(async (ids) => {
      if (fail) throw new Error('store unavailable');
      return ids.map((id) => ({ id }));
    });
    const results = await Promise.allSettled([byId('a'), byId('b')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await byId('a')).toEqual({ id: 'a' });
  });
});
