import { describe, expect, it } from 'vitest';
import type { Firing } from './evaluate-rules.js';
import { factsForTest } from './facts-for-test.js';
import { firingBatches, firingKey } from './firing-batches.js';
import type { Action } from './rule.js';

const task: Action = {
  kind: 'create_task',
  title: 'Call back',
  dueInBusinessHours: 4,
  owner: { kind: 'mailbox_owner' },
};
const lead: Action = { kind: 'create_lead', owner: { kind: 'territory' } };
const firing = (name: string, ...actions: Action[]): Firing => ({
  ruleId: name,
  eventKey: `message:<${name}@example.com>`,
  facts: factsForTest(),
  reasons: [],
  actions,
});
const names = (batches: Firing[][]) => batches.map((batch) => batch.map((f) => f.ruleId));

describe('firing batches', () => {
  it('groups firings that only add rows of their own, in order, up to the size', () => {
    const firings = ['a', 'b', 'c', 'd', 'e'].map((name) => firing(name, task));
    expect(names(firingBatches(firings, 2))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('gives each firing that writes records a batch of its own, keeping the order', () => {
    const firings = [
      firing('a', task),
      firing('b', task, lead),
      firing('c', { kind: 'add_to_deal', dealId: 'd1' }),
      firing('d', { kind: 'webhook', endpointId: 'w1' }),
      firing('e', {
        kind: 'assign_record',
        recordType: 'account',
        owner: { kind: 'mailbox_owner' },
      }),
    ];
    expect(names(firingBatches(firings, 10))).toEqual([['a'], ['b'], ['c'], ['d'], ['e']]);
  });

  it('makes no batch of nothing', () => {
    expect(firingBatches([], 10)).toEqual([]);
  });

  it('keys a firing by its rule and its event', () => {
    expect(firingKey(firing('r1'))).toBe('r1\tmessage:<r1@example.com>');
    expect(firingKey(firing('r1'))).not.toBe(firingKey({ ruleId: 'r1', eventKey: 'other' }));
  });
});
