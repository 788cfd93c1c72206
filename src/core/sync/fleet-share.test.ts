import { describe, expect, it } from 'vitest';
import { fairShare, mailboxesToTake } from './fleet-share.js';

const roomy = { maxMailboxes: 5000, rssMb: 100, maxRssMb: 1024 };

describe('a sync worker’s share of the mailboxes', () => {
  it('is an even split over the live workers with a twentieth of slack', () => {
    expect(fairShare({ liveMailboxes: 1000, liveWorkers: 2, maxMailboxes: 5000 })).toBe(525);
    expect(fairShare({ liveMailboxes: 7, liveWorkers: 3, maxMailboxes: 5000 })).toBe(4);
  });

  it('is everything for a worker alone', () => {
    expect(mailboxesToTake({ ...roomy, held: 0, liveMailboxes: 300, liveWorkers: 1 })).toBe(315);
  });

  it('never exceeds the worker’s mailbox budget', () => {
    expect(
      mailboxesToTake({ ...roomy, held: 0, maxMailboxes: 2, liveMailboxes: 5, liveWorkers: 1 }),
    ).toBe(2);
    expect(
      mailboxesToTake({ ...roomy, held: 2, maxMailboxes: 2, liveMailboxes: 5, liveWorkers: 1 }),
    ).toBe(0);
  });

  it('hands mailboxes back when a worker joins', () => {
    expect(mailboxesToTake({ ...roomy, held: 1000, liveMailboxes: 1000, liveWorkers: 2 })).toBe(
      -475,
    );
  });

  it('takes none over the memory budget, and keeps what it holds', () => {
    const over = { ...roomy, rssMb: 1024, held: 3, liveMailboxes: 10, liveWorkers: 1 };
    expect(mailboxesToTake(over)).toBe(0);
    expect(mailboxesToTake({ ...over, held: 20 })).toBe(-9);
  });

  it('counts no live worker as one, so a worker alone before its first heartbeat takes its share', () => {
    expect(fairShare({ liveMailboxes: 4, liveWorkers: 0, maxMailboxes: 5000 })).toBe(5);
  });
});
