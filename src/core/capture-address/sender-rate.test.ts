import { describe, expect, it } from 'vitest';
import { senderAdmits } from './sender-rate.js';

const limit = { messages: 2, windowMs: 60_000 };

describe('senderAdmits', () => {
  it('admits a sender below the limit', () => {
    expect(senderAdmits([], 0, limit)).toEqual({ admitted: true, recent: [] });
    expect(senderAdmits([1_000], 2_000, limit)).toEqual({ admitted: true, recent: [1_000] });
  });

  it('refuses a sender who reached the limit within the window', () => {
    expect(senderAdmits([1_000, 2_000], 3_000, limit)).toEqual({
      admitted: false,
      recent: [1_000, 2_000],
    });
  });

  it('forgets deliveries older than the window', () => {
    expect(senderAdmits([1_000, 2_000], 61_500, limit)).toEqual({
      admitted: true,
      recent: [2_000],
    });
  });
});
