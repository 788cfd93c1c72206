import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTrackingTokens } from './tracking-token.js';

const tokens = createTrackingTokens(randomBytes(32));
const trackedId = randomUUID();

describe('tracking tokens', () => {
  it('stand for the pixel or one link of one tracked message', () => {
    expect(tokens.verify(tokens.sign({ kind: 'open', trackedId }))).toEqual({
      kind: 'open',
      trackedId,
    });
    const click = { kind: 'click', trackedId, link: 3 } as const;
    expect(tokens.verify(tokens.sign(click))).toEqual(click);
  });

  it('refuse a token with any character changed', () => {
    const token = tokens.sign({ kind: 'click', trackedId, link: 0 });
    for (const position of [0, 5, 23, 46]) {
      const other = token[position] === 'A' ? 'B' : 'A';
      const altered = token.slice(0, position) + other + token.slice(position + 1);
      expect(tokens.verify(altered)).toBeNull();
    }
  });

  it('refuse a token whose last character differs only in its spare bits', () => {
    for (let n = 0; n < 50; n += 1) {
      const token = tokens.sign({ kind: 'open', trackedId: randomUUID() });
      const last = token.at(-1)!;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const sibling = alphabet[alphabet.indexOf(last) ^ 1]!;
      expect(tokens.verify(token.slice(0, -1) + sibling)).toBeNull();
    }
  });

  it('refuse tokens signed with another key, and anything that is not a token', () => {
    const elsewhere = createTrackingTokens(randomBytes(32)).sign({ kind: 'open', trackedId });
    expect(tokens.verify(elsewhere)).toBeNull();
    expect(tokens.verify('')).toBeNull();
    expect(tokens.verify('x'.repeat(47))).toBeNull();
    expect(tokens.verify(`${tokens.sign({ kind: 'open', trackedId })}A`)).toBeNull();
  });
});
