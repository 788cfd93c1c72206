import { describe, expect, it } from 'vitest';
import { evaluateRules } from './evaluate-rules.js';
import { factsForTest } from './facts-for-test.js';
import type { WorkflowRule } from './rule.js';

const rule = (fields: Partial<WorkflowRule>): WorkflowRule => ({
  id: 'r1',
  name: 'rule',
  position: 1,
  enabled: true,
  trigger: { kind: 'message_captured', direction: 'inbound' },
  conditions: [],
  actions: [{ kind: 'escalate', note: 'look' }],
  ...fields,
});

describe('evaluating rules on an event', () => {
  it('fires an unknown-sender rule whose country condition holds, with the reasons', () => {
    const firings = evaluateRules(
      [
        rule({
          trigger: { kind: 'unknown_sender' },
          conditions: [{ field: 'country', op: 'in', values: ['DE', 'AT', 'CH'] }],
        }),
      ],
      { kind: 'message', facts: factsForTest() },
    );
    expect(firings).toHaveLength(1);
    expect(firings[0]).toMatchObject({
      eventKey: 'message:<m1@neu.de>',
      reasons: ['unknown sender lena@neu.de at unknown domain neu.de', 'country de'],
    });
  });

  it('does not take a sender at a known domain for unknown', () => {
    const facts = factsForTest({ domainKnown: true });
    expect(
      evaluateRules([rule({ trigger: { kind: 'unknown_sender' } })], { kind: 'message', facts }),
    ).toEqual([]);
  });

  it('reads mail capture left out only for the unknown-sender trigger', () => {
    const facts = factsForTest({ captured: false });
    const rules = [
      rule({ id: 'unknown', trigger: { kind: 'unknown_sender' } }),
      rule({ id: 'any', trigger: { kind: 'message_captured', direction: 'any' } }),
    ];
    expect(evaluateRules(rules, { kind: 'message', facts }).map((f) => f.ruleId)).toEqual([
      'unknown',
    ]);
  });

  it('skips switched-off rules and keeps the order of positions', () => {
    const firings = evaluateRules(
      [
        rule({ id: 'late', position: 3 }),
        rule({ id: 'off', position: 1, enabled: false }),
        rule({ id: 'early', position: 2 }),
      ],
      { kind: 'message', facts: factsForTest() },
    );
    expect(firings.map((f) => f.ruleId)).toEqual(['early', 'late']);
  });

  it('fires an intent trigger with the words that fired', () => {
    const [firing] = evaluateRules(
      [rule({ trigger: { kind: 'intent_detected', intents: ['quote_request'] } })],
      { kind: 'message', facts: factsForTest() },
    );
    expect(firing?.reasons[0]).toBe('quote_request: body "ein Angebot schicken"');
  });

  it('needs every condition: a failing deal amount stops the rule', () => {
    const facts = factsForTest({
      records: [{ type: 'deal', id: 'd1', ownerId: null, stage: 'Negotiation', amount: 900 }],
    });
    const conditions = [
      { field: 'deal_stage' as const, op: 'in' as const, values: ['negotiation'] },
      { field: 'deal_amount' as const, op: 'at_least' as const, amount: 1000 },
    ];
    expect(evaluateRules([rule({ conditions })], { kind: 'message', facts })).toEqual([]);
    expect(
      evaluateRules([rule({ conditions: conditions.slice(0, 1) })], { kind: 'message', facts }),
    ).toHaveLength(1);
  });

  it('needs one condition of a rule on any of them, and gives the reasons of those that hold', () => {
    const facts = factsForTest({ country: 'FR', sentiment: 'negative' });
    const conditions = [
      { field: 'country' as const, op: 'in' as const, values: ['DE'] },
      { field: 'sentiment' as const, op: 'in' as const, values: ['negative'] },
    ];
    const anyOf = (fields: Partial<WorkflowRule>) =>
      evaluateRules([rule({ ...fields, match: 'any' })], { kind: 'message', facts });
    expect(anyOf({ conditions })[0]?.reasons).toEqual([
      'inbound message captured',
      'sentiment negative',
    ]);
    expect(anyOf({ conditions: conditions.slice(0, 1) })).toEqual([]);
    expect(anyOf({ conditions: [] })).toHaveLength(1);
  });

  it('holds "not in" for a message of unknown country', () => {
    const facts = factsForTest({ country: null });
    const conditions = [{ field: 'country' as const, op: 'not_in' as const, values: ['DE'] }];
    expect(evaluateRules([rule({ conditions })], { kind: 'message', facts })).toHaveLength(1);
  });

  it('fires an unanswered-thread rule only on the time check, once the hours have passed', () => {
    const trigger = { kind: 'thread_unanswered' as const, businessHours: 8 };
    const facts = factsForTest();
    expect(evaluateRules([rule({ trigger })], { kind: 'message', facts })).toEqual([]);
    expect(
      evaluateRules([rule({ trigger })], { kind: 'unanswered', facts, waitingBusinessHours: 7.5 }),
    ).toEqual([]);
    const [firing] = evaluateRules([rule({ trigger })], {
      kind: 'unanswered',
      facts,
      waitingBusinessHours: 8,
    });
    expect(firing?.eventKey).toBe('unanswered:<m1@neu.de>');
  });

  it('matches keywords in the subject or body without regard to case', () => {
    const trigger = { kind: 'keyword' as const, words: ['ANGEBOT'] };
    expect(
      evaluateRules([rule({ trigger })], { kind: 'message', facts: factsForTest() }),
    ).toHaveLength(1);
  });
});
