import { describe, expect, it } from 'vitest';
import { compileRules } from './compile-rules.js';
import { evaluateRules } from './evaluate-rules.js';
import { factsForTest } from './facts-for-test.js';
import { messageFacts, type FactsLookup, type StoredMessageInput } from './message-facts.js';
import type { Condition, Trigger, WorkflowRule } from './rule.js';
import { ruleRead } from './rule-reads.js';

const rule = (id: string, trigger: Trigger, conditions: Condition[] = []): WorkflowRule => ({
  id,
  name: id,
  position: 1,
  enabled: true,
  trigger,
  conditions,
  actions: [{ kind: 'escalate', note: 'look' }],
});

const inGermany: Condition = { field: 'country', op: 'in', values: ['DE'] };
const complaint: Trigger = { kind: 'intent_detected', intents: ['complaint'] };

const lookup: FactsLookup = {
  userAddresses: new Set(['rita@threadline.example']),
  knownSenders: new Map(),
  knownDomains: new Set(),
  recordsOf: new Map(),
  teamsOf: new Map(),
};

const stored = (fields: Partial<StoredMessageInput> = {}): StoredMessageInput => ({
  id: 'm1',
  messageKey: '<m1@neu.de>',
  threadId: 't1',
  subject: 'Lieferung',
  sentAt: new Date('2025-03-07T10:00:00Z'),
  createdAt: new Date('2025-03-07T10:00:00Z'),
  fromAddress: 'lena@neu.de',
  fromName: 'Lena Neu',
  textBody:
    'Das ist inakzeptabel, die Lieferung ist wieder zu spät und beschädigt.\n\nMit freundlichen Grüßen\nLena',
  mailboxOwnerId: 'rita',
  captured: true,
  ...fields,
});

describe('what rules read of a body', () => {
  it('reads nothing for triggers and conditions on the envelope and the CRM', () => {
    const read = ruleRead(rule('sender', { kind: 'unknown_sender' }, [inGermany]));
    expect(read.read).toBe('none');
  });

  it('reads the new text for keywords and intents or sentiment for their triggers and conditions', () => {
    expect(ruleRead(rule('k', { kind: 'keyword', words: ['invoice'] })).read).toBe('text');
    expect(ruleRead(rule('i', complaint)).read).toBe('reading');
    const negative: Condition = { field: 'sentiment', op: 'in', values: ['negative'] };
    expect(ruleRead(rule('s', { kind: 'unknown_sender' }, [negative])).read).toBe('reading');
  });

  it('gates the read on captured mail and on the conditions that cost nothing', () => {
    const { mayFire } = ruleRead(rule('i', complaint, [inGermany]));
    expect(mayFire(factsForTest({ country: 'DE' }))).toBe(true);
    expect(mayFire(factsForTest({ country: 'FR' }))).toBe(false);
    expect(mayFire(factsForTest({ country: 'DE', captured: false }))).toBe(false);
  });

  it('asks of a set of rules the costliest read among those that may fire', () => {
    const rules = compileRules([
      rule('german complaint', complaint, [inGermany]),
      rule('invoice', { kind: 'keyword', words: ['invoice'] }),
    ]);
    expect(rules.bodyRead(factsForTest({ country: 'DE' }))).toBe('reading');
    expect(rules.bodyRead(factsForTest({ country: 'FR' }))).toBe('text');
    expect(rules.bodyRead(factsForTest({ captured: false }))).toBe('none');
  });
});

describe('facts read as far as the rules need', () => {
  const rules = compileRules([rule('german complaint', complaint, [inGermany])]);

  it('reads intents and sentiment of a message a rule reading them may fire on', () => {
    const facts = messageFacts(stored(), lookup, rules.bodyRead);
    expect(facts.intents.map((i) => i.intent)).toContain('complaint');
    expect(facts.sentiment).toBe('negative');
    expect(facts.text).not.toContain('Mit freundlichen');
    expect(evaluateRules(rules, { kind: 'message', facts }).map((f) => f.ruleId)).toEqual([
      'german complaint',
    ]);
  });

  it('leaves the body unread when no such rule can reach the message, and fires the same', () => {
    const french = stored({ fromAddress: 'lea@neuf.fr' });
    const skipped = messageFacts(french, lookup, rules.bodyRead);
    expect(skipped).toMatchObject({ text: '', intents: [], sentiment: 'neutral' });
    const full = messageFacts(french, lookup);
    expect(full.intents.map((i) => i.intent)).toContain('complaint');
    const fired = (facts: typeof full) => evaluateRules(rules, { kind: 'message', facts });
    expect(fired(skipped)).toEqual([]);
    expect(fired(full)).toEqual([]);
  });
});

describe('reads of a rule on any one of its conditions', () => {
  const negative: Condition = { field: 'sentiment', op: 'in', values: ['negative'] };

  it('reads the body when a condition on it may be the one that holds', () => {
    const { mayFire } = ruleRead({ ...rule('r', complaint, [inGermany, negative]), match: 'any' });
    expect(mayFire(factsForTest({ country: 'FR' }))).toBe(true);
    expect(mayFire(factsForTest({ captured: false }))).toBe(false);
  });

  it('reads it only when one of the cheap conditions holds, when none is on the body', () => {
    const inFrance: Condition = { field: 'country', op: 'in', values: ['FR'] };
    const { mayFire } = ruleRead({ ...rule('r', complaint, [inGermany, inFrance]), match: 'any' });
    expect(mayFire(factsForTest({ country: 'FR' }))).toBe(true);
    expect(mayFire(factsForTest({ country: 'IT' }))).toBe(false);
  });
});
