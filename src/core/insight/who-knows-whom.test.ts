import { describe, expect, it } from 'vitest';
import { combinedScore, connectionStrength } from './connection-strength.js';
import { interactionsBetween, type Encounter, type ThreadMessage } from './interactions.js';
import { whoKnowsWhom, type Colleague, type TheirPerson } from './who-knows-whom.js';

const now = new Date('2026-06-30T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 60 * 60 * 1000);
const message = (
  threadId: string,
  hours: number,
  from: string,
  ...recipients: string[]
): ThreadMessage => ({ threadId, sentAt: hoursAgo(hours), from, recipients });

const rita: Colleague = { id: 'rita', addresses: ['rita@us.example', 'r.smith@us.example'] };
const sam: Colleague = { id: 'sam', addresses: ['sam@us.example'] };
const ada: TheirPerson = { address: 'ada@acme.com', contactId: 'c-ada' };
const bob: TheirPerson = { address: 'bob@acme.com', contactId: null };

const history = [
  // Rita and Ada write back and forth, from both of Rita's addresses.
  message('t1', 50, 'rita@us.example', 'ada@acme.com'),
  message('t1', 49, 'ada@acme.com', 'rita@us.example'),
  message('t1', 30, 'r.smith@us.example', 'ada@acme.com', 'lawyer@firm.example'),
  message('t1', 29, 'ada@acme.com', 'r.smith@us.example', 'lawyer@firm.example'),
  // Sam wrote once to Bob, unanswered, with Rita in copy.
  message('t2', 10, 'sam@us.example', 'bob@acme.com', 'rita@us.example'),
  // Colleagues among themselves: nobody's interaction with the other side.
  message('t3', 5, 'sam@us.example', 'rita@us.example'),
];

describe('who knows whom at an account', () => {
  const result = whoKnowsWhom({ messages: history, encounters: [] }, [rita, sam], [ada, bob], now);

  it('scores each colleague by their pairs with the other side, combined, strongest first', () => {
    const ritaAda = connectionStrength(
      interactionsBetween(history, new Set(rita.addresses), new Set([ada.address])),
      now,
    );
    expect(
      result.ours.map(({ colleagueId, score, closest }) => ({ colleagueId, score, closest })),
    ).toEqual([
      { colleagueId: 'rita', score: ritaAda.score, closest: 'ada@acme.com' },
      {
        colleagueId: 'sam',
        score: connectionStrength(
          interactionsBetween(history, new Set(sam.addresses), new Set([bob.address])),
          now,
        ).score,
        closest: 'bob@acme.com',
      },
    ]);
    expect(result.ours[0]!.score).toBeGreaterThan(result.ours[1]!.score);
  });

  it('names our closest colleague to each of theirs, for an introduction', () => {
    expect(
      result.theirs.map(({ address, contactId, closestColleagueId }) => ({
        address,
        contactId,
        closestColleagueId,
      })),
    ).toEqual([
      { address: 'ada@acme.com', contactId: 'c-ada', closestColleagueId: 'rita' },
      { address: 'bob@acme.com', contactId: null, closestColleagueId: 'sam' },
    ]);
  });

  it('does not count a colleague in copy as writing to them', () => {
    expect(result.theirs.find((person) => person.address === 'bob@acme.com')?.score).toBe(
      result.ours.find((colleague) => colleague.colleagueId === 'sam')?.score,
    );
  });

  it('names the others on the threads, without our own people', () => {
    expect(result.thirdParties).toEqual([
      {
        address: 'lawyer@firm.example',
        domain: 'firm.example',
        organisation: 'firm.example',
        threads: 1,
      },
    ]);
  });

  it('names a third party by its firm, and leaves out anyone at our or the account’s firm', () => {
    const copied = [
      message(
        't4',
        3,
        'rita@us.example',
        'ada@acme.com',
        'pa@mail.reseller.co.uk',
        'it@eu.acme.com',
      ),
      message('t4', 2, 'ada@acme.com', 'rita@us.example', 'boss@hq.us.example'),
    ];
    const parties = whoKnowsWhom(
      { messages: copied, encounters: [] },
      [rita],
      [ada],
      now,
      undefined,
      ['acme.com'],
    ).thirdParties;
    expect(parties).toEqual([
      {
        address: 'pa@mail.reseller.co.uk',
        domain: 'mail.reseller.co.uk',
        organisation: 'reseller.co.uk',
        threads: 1,
      },
    ]);
  });

  it('gives the team score as every pair combined, its trend and last date from them all', () => {
    expect(result.teamScore).toBe(combinedScore(result.ours.map((colleague) => colleague.score)));
    expect(result.teamTrend).toBe('rising');
    expect(result.teamLastAt).toEqual(hoursAgo(10));
  });

  it('is empty when no one of ours ever wrote with them', () => {
    const none = whoKnowsWhom(
      { messages: [message('t9', 1, 'ada@acme.com', 'bob@acme.com')], encounters: [] },
      [rita],
      [ada, bob],
      now,
    );
    expect(none).toEqual({
      ours: [],
      theirs: [],
      thirdParties: [],
      teamScore: 0,
      teamTrend: 'cold',
      teamLastAt: null,
    });
  });

  it('counts a meeting and an open as part of a pair, even one that never wrote', () => {
    const encounters: Encounter[] = [
      { kind: 'meeting', at: hoursAgo(4), people: ['sam@us.example', 'ada@acme.com'] },
      { kind: 'human_open', at: hoursAgo(2), people: ['sam@us.example', 'bob@acme.com'] },
      // Nobody of theirs there: nobody's connection.
      { kind: 'meeting', at: hoursAgo(1), people: ['sam@us.example', 'rita@us.example'] },
    ];
    const met = whoKnowsWhom({ messages: history, encounters }, [rita, sam], [ada, bob], now);
    const sams = met.ours.find((colleague) => colleague.colleagueId === 'sam')!;
    // Sam met Ada (15 points, just now) and Bob read his mail: Ada is now the closest.
    expect(sams.closest).toBe('ada@acme.com');
    expect(sams.score).toBeGreaterThan(result.ours.find((c) => c.colleagueId === 'sam')!.score);
    expect(met.teamLastAt).toEqual(hoursAgo(2));
  });
});
