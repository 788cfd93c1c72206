import { describe, expect, it } from 'vitest';
import { compileRules } from './compile-rules.js';
import { evaluateRules, eventsOfMessage } from './evaluate-rules.js';
import { factsForTest } from './facts-for-test.js';
import { meetingChanges } from './meeting-changes.js';
import type { Trigger, WorkflowRule } from './rule.js';

const rule = (id: string, trigger: Trigger, position = 1): WorkflowRule => ({
  id,
  name: id,
  position,
  enabled: true,
  trigger,
  conditions: [],
  actions: [{ kind: 'escalate', note: 'look' }],
});

const booking = {
  change: 'booked' as const,
  uid: 'demo@acme.com',
  recurrenceId: '',
  summary: 'Demo',
  start: '2025-03-25T13:00:00Z',
};

describe('compiled rules', () => {
  it('offers an event only the rules that wait for its kind, in order', () => {
    const compiled = compileRules([
      rule('late-keyword', { kind: 'keyword', words: ['angebot'] }, 3),
      rule('meeting', { kind: 'meeting_booked' }, 2),
      rule('early-sender', { kind: 'unknown_sender' }, 1),
      { ...rule('off', { kind: 'unknown_sender' }, 0), enabled: false },
    ]);
    const facts = factsForTest();
    expect(compiled.candidates({ kind: 'message', facts }).map((r) => r.id)).toEqual([
      'early-sender',
      'late-keyword',
    ]);
    expect(
      compiled.candidates({ kind: 'meeting', facts, meeting: booking }).map((r) => r.id),
    ).toEqual(['meeting']);
    expect(compiled.candidates({ kind: 'follow_up_due', facts, followUpId: 'f1' })).toEqual([]);
  });

  it('fires a booked-meeting rule once per meeting, keyed by its UID and occurrence', () => {
    const facts = factsForTest({ meetings: [booking] });
    const rules = [rule('booked', { kind: 'meeting_booked' })];
    const firings = eventsOfMessage(facts).flatMap((event) => evaluateRules(rules, event));
    expect(firings).toMatchObject([
      {
        ruleId: 'booked',
        eventKey: 'meeting_booked:demo@acme.com|',
        reasons: ['meeting booked: Demo'],
      },
    ]);
  });

  it('reads only the meeting of mail that only changed a meeting', () => {
    const facts = factsForTest({ meetings: [{ ...booking, change: 'cancelled' }] });
    expect(eventsOfMessage(facts, true).map((e) => e.kind)).toEqual(['meeting']);
    expect(eventsOfMessage(facts).map((e) => e.kind)).toEqual(['message', 'meeting']);
  });

  it('keys a tracked open per message and a click per link', () => {
    const facts = factsForTest();
    const rules = [
      rule('open', { kind: 'tracked_open' }),
      rule('click', { kind: 'tracked_click' }, 2),
    ];
    const open = evaluateRules(rules, { kind: 'tracked', facts, action: 'open', url: null });
    const click = evaluateRules(rules, {
      kind: 'tracked',
      facts,
      action: 'click',
      url: 'https://x.example/p',
    });
    expect(open.map((f) => [f.ruleId, f.eventKey])).toEqual([['open', 'tracked_open:<m1@neu.de>']]);
    expect(click.map((f) => [f.ruleId, f.eventKey, f.reasons[0]])).toEqual([
      ['click', 'tracked_click:<m1@neu.de>|https://x.example/p', 'clicked https://x.example/p'],
    ]);
  });

  it('keys a follow-up due by the follow-up', () => {
    const [firing] = evaluateRules([rule('due', { kind: 'follow_up_due' })], {
      kind: 'follow_up_due',
      facts: factsForTest(),
      followUpId: 'f1',
    });
    expect(firing?.eventKey).toBe('follow_up_due:f1');
  });
});

describe('meeting changes of a message', () => {
  it('tells an invitation from a cancellation and ignores replies and unreadable objects', () => {
    expect(
      meetingChanges([
        { uid: 'a', method: 'REQUEST', status: 'CONFIRMED', summary: 'Demo', start: 's' },
        { uid: 'b', method: 'CANCEL' },
        { uid: 'c', method: 'REQUEST', status: 'CANCELLED' },
        { uid: 'd', method: 'REPLY' },
        { method: 'REQUEST' },
      ]).map((c) => [c.uid, c.change]),
    ).toEqual([
      ['a', 'booked'],
      ['b', 'cancelled'],
      ['c', 'cancelled'],
    ]);
    expect(meetingChanges(null)).toEqual([]);
  });
});
