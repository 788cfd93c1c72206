import { describe, expect, it } from 'vitest';
import type { ParsedMessage } from '../message.js';
import { mailAddress, messageForTest } from '../../../test/support/message-for-test.js';
import { untrackedThreadId } from '../capture/do-not-track.js';
import { threadIdOf } from './index.js';
import {
  mergeThreads,
  placeBatch,
  type KnownThreads,
  type MessageToPlace,
  type ThreadSummary,
} from './place-batch.js';

const owner = 'u-sam';
const nothingKnown: KnownThreads = {
  threadOfKey: new Map(),
  threadOfMessageId: new Map(),
  subjectThreads: [],
};

function toPlace(
  message: ParsedMessage,
  key = message.messageId ?? 'k',
  untracked = false,
): MessageToPlace {
  return { message, key, untracked };
}

const parent = messageForTest({ messageId: '<parent@acme>', subject: 'Pricing' });
const reply = messageForTest({
  messageId: '<reply@acme>',
  subject: 'Re: Pricing',
  inReplyTo: ['<parent@acme>'],
  references: ['<parent@acme>'],
  date: new Date('2025-03-02T10:00:00Z'),
});

describe('placing a batch in threads', () => {
  it('opens a thread named after the root and its owner, and puts the reply in it', () => {
    const { placements, threads } = placeBatch(
      [toPlace(parent), toPlace(reply)],
      nothingKnown,
      owner,
      30,
    );
    const threadId = threadIdOf('<parent@acme>', owner);
    expect(placements).toEqual([
      { threadId, duplicate: false, untracked: false },
      { threadId, duplicate: false, untracked: false },
    ]);
    expect(threads.get(threadId)).toEqual({
      id: threadId,
      subjectKey: 'pricing',
      participants: ['ada@acme.example', 'sam@northwind.example'],
      firstAt: '2025-03-01T10:00:00.000Z',
      lastAt: '2025-03-02T10:00:00.000Z',
    });
  });

  it('leaves a stored message where it is, as a duplicate that adds nothing to its thread', () => {
    const { placements, threads } = placeBatch(
      [toPlace(parent)],
      { ...nothingKnown, threadOfKey: new Map([['<parent@acme>', 't-stored']]) },
      owner,
      30,
    );
    expect(placements).toEqual([{ threadId: 't-stored', duplicate: true, untracked: false }]);
    expect(threads.size).toBe(0);
  });

  it('counts a second copy in the same batch as a duplicate of the first', () => {
    const { placements } = placeBatch([toPlace(parent), toPlace(parent)], nothingKnown, owner, 30);
    expect(placements.map((p) => p.duplicate)).toEqual([false, true]);
    expect(placements[1]!.threadId).toBe(placements[0]!.threadId);
  });

  it('joins a reply to the stored thread of the message it names', () => {
    const { placements, threadOfMessageId } = placeBatch(
      [toPlace(reply)],
      { ...nothingKnown, threadOfMessageId: new Map([['<parent@acme>', 't-stored']]) },
      owner,
      30,
    );
    expect(placements[0]!.threadId).toBe('t-stored');
    expect(threadOfMessageId.get('<reply@acme>')).toBe('t-stored');
  });

  it('joins a stored thread by subject when it shares people and is recent enough', () => {
    const stored: ThreadSummary = {
      id: 't-subject',
      subjectKey: 'pricing',
      participants: ['ada@acme.example', 'sam@northwind.example'],
      firstAt: '2025-02-20T10:00:00.000Z',
      lastAt: '2025-02-25T10:00:00.000Z',
    };
    const known = { ...nothingKnown, subjectThreads: [stored] };
    expect(placeBatch([toPlace(parent)], known, owner, 30).placements[0]!.threadId).toBe(
      't-subject',
    );
    expect(placeBatch([toPlace(parent)], known, owner, 2).placements[0]!.threadId).not.toBe(
      't-subject',
    );
  });

  it('joins a thread by subject that a message earlier in the batch opened', () => {
    const first = messageForTest({ messageId: '<a@acme>', subject: 'Volumes' });
    const second = messageForTest({
      messageId: '<b@acme>',
      subject: 'RE: volumes',
      to: [mailAddress('sam@northwind.example')],
    });
    const { placements } = placeBatch([toPlace(first), toPlace(second)], nothingKnown, owner, 30);
    expect(placements[1]!.threadId).toBe(placements[0]!.threadId);
  });

  it('puts untracked mail in the untracked thread and tells no one its Message-ID', () => {
    const { placements, threads, threadOfMessageId } = placeBatch(
      [toPlace(parent, 'k-1', true)],
      nothingKnown,
      owner,
      30,
    );
    expect(placements).toEqual([
      { threadId: untrackedThreadId, duplicate: false, untracked: true },
    ]);
    expect(threads.size).toBe(0);
    expect(threadOfMessageId.size).toBe(0);
  });
});

describe('mergeThreads', () => {
  const read = {
    id: 't-1',
    subjectKey: 'renewal pricing',
    participants: ['a@acme.com', 'rita@threadline.example'],
    firstAt: '2025-03-01T10:00:00.000Z',
    lastAt: '2025-03-02T10:00:00.000Z',
  };

  it('joins a thread read from the store with what a later batch added to it', () => {
    const merged = mergeThreads(
      [read],
      [
        {
          id: 't-1',
          subjectKey: 'renewal pricing',
          participants: ['b@acme.com', 'rita@threadline.example'],
          firstAt: '2025-03-03T10:00:00.000Z',
          lastAt: '2025-03-03T11:00:00.000Z',
        },
      ],
    );
    expect(merged).toEqual([
      {
        ...read,
        participants: ['a@acme.com', 'rita@threadline.example', 'b@acme.com'],
        firstAt: '2025-03-01T10:00:00.000Z',
        lastAt: '2025-03-03T11:00:00.000Z',
      },
    ]);
  });

  it('keeps threads found on one side only', () => {
    const added = { ...read, id: 't-2', firstAt: null, lastAt: null };
    expect(mergeThreads([read], [added]).map((t) => t.id)).toEqual(['t-1', 't-2']);
    expect(mergeThreads([], [added])).toEqual([added]);
  });
});
