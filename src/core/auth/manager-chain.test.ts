import { describe, expect, it } from 'vitest';
import { closesManagerLoop } from './manager-chain.js';

describe('a new manager', () => {
  const chain = new Map<string, string | null>([
    ['ceo', null],
    ['vp', 'ceo'],
    ['rep', 'vp'],
  ]);

  it('may be anyone above or beside the user', () => {
    expect(closesManagerLoop('rep', 'ceo', chain)).toBe(false);
    expect(closesManagerLoop('vp', 'ceo', chain)).toBe(false);
  });

  it('may not be the user, nor anyone who reports to them however far down', () => {
    expect(closesManagerLoop('rep', 'rep', chain)).toBe(true);
    expect(closesManagerLoop('ceo', 'vp', chain)).toBe(true);
    expect(closesManagerLoop('ceo', 'rep', chain)).toBe(true);
  });

  it('ends the walk on a loop stored among others', () => {
    const looped = new Map<string, string | null>([
      ['x', 'y'],
      ['y', 'x'],
    ]);
    expect(closesManagerLoop('ceo', 'x', looped)).toBe(false);
  });
});
