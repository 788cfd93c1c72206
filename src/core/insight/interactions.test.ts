import { describe, expect, it } from 'vitest';
import {
  encountersBetween,
  historyBetween,
  interactionsBetween,
  type Encounter,
  type ThreadMessage,
} from './interactions.js';

const rita = 'rita@us.example';
const sam = 'sam@us.example';
const ada = 'ada@acme.com';
const us = new Set([rita]);
const them = new Set([ada]);

const at = (hour: number, minute = 0) => new Date(Date.UTC(2026, 2, 2, hour, minute));
const message = (
  threadId: string,
  sentAt: Date,
  from: string,
  ...recipients: string[]
): ThreadMessage => ({ threadId, sentAt, from, recipients });

describe('interactions between our people and theirs', () => {
  it('calls their answer to our message a reply, timed from our last message', () => {
    const interactions = interactionsBetween(
      [message('t1', at(11, 30), ada, rita), message('t1', at(10), rita, ada)],
      us,
      them,
    );
    expect(interactions).toEqual([
      { kind: 'message_sent', at: at(10), threadDepth: 1, responseMinutes: null },
      { kind: 'reply_received', at: at(11, 30), threadDepth: 2, responseMinutes: 90 },
    ]);
  });

  it('calls their first word in a thread a message received, and their second in a row too', () => {
    const interactions = interactionsBetween(
      [
        message('t1', at(9), ada, rita),
        message('t1', at(10), rita, ada),
        message('t1', at(11), ada, rita),
        message('t1', at(12), ada, rita),
      ],
      us,
      them,
    );
    expect(interactions.map((interaction) => interaction.kind)).toEqual([
      'message_received',
      'message_sent',
      'reply_received',
      'message_received',
    ]);
  });

  it('counts a copy among the recipients but not mail between other people or among ourselves', () => {
    const interactions = interactionsBetween(
      [
        message('t1', at(9), rita, 'someone@else.example', ada),
        message('t2', at(10), sam, ada),
        message('t3', at(11), rita, sam),
        message('t4', at(12), ada, 'bob@acme.com'),
      ],
      us,
      them,
    );
    expect(interactions).toEqual([
      { kind: 'message_sent', at: at(9), threadDepth: 1, responseMinutes: null },
    ]);
  });

  it('keeps threads apart: our message in one thread is not answered by theirs in another', () => {
    const interactions = interactionsBetween(
      [message('t1', at(9), rita, ada), message('t2', at(10), ada, rita)],
      us,
      them,
    );
    expect(interactions.map((interaction) => interaction.kind)).toEqual([
      'message_sent',
      'message_received',
    ]);
  });

  it('counts a meeting or an open only where someone of ours and someone of theirs took part', () => {
    const encounters: Encounter[] = [
      { kind: 'meeting', at: at(15), people: [sam, ada] },
      { kind: 'meeting', at: at(9), people: [rita, sam, ada] },
      { kind: 'human_open', at: at(12), people: [rita, ada] },
      { kind: 'human_open', at: at(13), people: [rita, 'bob@acme.com'] },
      { kind: 'meeting', at: at(14), people: [rita, sam] },
    ];
    expect(encountersBetween(encounters, us, them)).toEqual([
      { kind: 'meeting', at: at(9), threadDepth: 0, responseMinutes: null },
      { kind: 'human_open', at: at(12), threadDepth: 0, responseMinutes: null },
    ]);
  });

  it('merges the messages and the encounters of a history, oldest first', () => {
    const history = {
      messages: [message('t1', at(10), rita, ada)],
      encounters: [{ kind: 'human_open', at: at(11), people: [rita, ada] }] as Encounter[],
    };
    expect(historyBetween(history, us, them).map((interaction) => interaction.kind)).toEqual([
      'message_sent',
      'human_open',
    ]);
  });
});
