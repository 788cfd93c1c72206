import { describe, expect, it } from 'vitest';
import { directoryForTest } from '../../../test/support/directory-for-test.js';
import { mailAddress, messageForTest } from '../../../test/support/message-for-test.js';
import { isUntracked } from './do-not-track.js';

const untracking = (...addresses: string[]) => directoryForTest({ doNotTrack: addresses });

describe('isUntracked', () => {
  it('holds for mail from a person who asked not to be tracked', () => {
    expect(isUntracked(messageForTest(), untracking('ada@acme.example'))).toBe(true);
  });

  it('holds when they are only copied, or only named to reply to', () => {
    const copied = messageForTest({
      from: 'bob@other.example',
      cc: [mailAddress('ada@acme.example')],
    });
    const replyTo = messageForTest({
      from: 'bob@other.example',
      replyTo: [mailAddress('ada@acme.example')],
    });
    expect(isUntracked(copied, untracking('ada@acme.example'))).toBe(true);
    expect(isUntracked(replyTo, untracking('ada@acme.example'))).toBe(true);
  });

  it('does not hold for mail that leaves them out, nor for their domain', () => {
    expect(isUntracked(messageForTest(), untracking('bob@acme.example'))).toBe(false);
    expect(isUntracked(messageForTest(), untracking('acme.example'))).toBe(false);
    expect(isUntracked(messageForTest(), directoryForTest())).toBe(false);
  });
});
