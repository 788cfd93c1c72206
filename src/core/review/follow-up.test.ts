import { describe, expect, it } from 'vitest';
import { followUpState } from './follow-up.js';

const monday = new Date('2026-11-23T09:00:00Z');
const tuesday = new Date('2026-11-24T09:00:00Z');

describe('followUpState', () => {
  it('waits until the reminder time, then is due', () => {
    const facts = { remindAt: tuesday, cancelledAt: null, repliedAt: null };
    expect(followUpState(facts, monday)).toBe('waiting');
    expect(followUpState(facts, tuesday)).toBe('due');
  });

  it('ends with a reply from the assignee, early or late', () => {
    expect(
      followUpState({ remindAt: tuesday, cancelledAt: null, repliedAt: monday }, tuesday),
    ).toBe('replied');
    expect(
      followUpState({ remindAt: monday, cancelledAt: null, repliedAt: tuesday }, tuesday),
    ).toBe('replied');
  });

  it('a cancellation wins over everything', () => {
    expect(
      followUpState({ remindAt: monday, cancelledAt: monday, repliedAt: tuesday }, tuesday),
    ).toBe('cancelled');
  });
});
