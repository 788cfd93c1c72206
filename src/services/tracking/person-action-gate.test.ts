import { describe, expect, it } from 'vitest';
import { createPersonActionGate } from './person-action-gate.js';

describe('telling the rules of a person action', () => {
  const minute = 60_000;

  it('tells an action once within its window, and again after it', () => {
    const gate = createPersonActionGate({ windowMs: minute, maxEntries: 10 });
    expect(gate.shouldTell('m1\topen\t', 0)).toBe(true);
    expect(gate.shouldTell('m1\topen\t', 1)).toBe(false);
    expect(gate.shouldTell('m1\topen\t', minute - 1)).toBe(false);
    expect(gate.shouldTell('m1\topen\t', minute)).toBe(true);
    expect(gate.shouldTell('m1\topen\t', minute + 1)).toBe(false);
  });

  it('tells each message, kind and link apart', () => {
    const gate = createPersonActionGate({ windowMs: minute, maxEntries: 10 });
    const told = ['m1\topen\t', 'm2\topen\t', 'm1\tclick\t0', 'm1\tclick\t1'].map((action) =>
      gate.shouldTell(action, 0),
    );
    expect(told).toEqual([true, true, true, true]);
    expect(gate.shouldTell('m1\tclick\t1', 10)).toBe(false);
  });

  it('tells again an action whose telling failed', () => {
    const gate = createPersonActionGate({ windowMs: minute, maxEntries: 10 });
    expect(gate.shouldTell('m1\topen\t', 0)).toBe(true);
    gate.forget('m1\topen\t');
    expect(gate.shouldTell('m1\topen\t', 1)).toBe(true);
  });

  it('forgets the action told longest ago when full, never one told since', () => {
    const gate = createPersonActionGate({ windowMs: minute, maxEntries: 2 });
    gate.shouldTell('a', 0);
    gate.shouldTell('b', 1);
    // Told again after its window: now the most recent, so 'b' is the oldest.
    gate.shouldTell('a', minute);
    gate.shouldTell('c', minute + 1);
    expect(gate.shouldTell('a', minute + 2)).toBe(false);
    expect(gate.shouldTell('b', minute + 3)).toBe(true);
  });
});
