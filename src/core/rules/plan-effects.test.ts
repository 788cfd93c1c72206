import { describe, expect, it } from 'vitest';
import { senderCountry } from './country.js';
import { evaluateRules } from './evaluate-rules.js';
import { factsForTest } from './facts-for-test.js';
import { planEffects, settleOwner, type AssignmentDirectory } from './plan-effects.js';
import type { Action } from './rule.js';
import { nextAttemptAt, maxDeliveryAttempts } from './webhook-backoff.js';

const directory: AssignmentDirectory = {
  users: [
    { id: 'rita', role: 'rep', managerId: 'max', active: true },
    { id: 'ravi', role: 'rep', managerId: 'max', active: true },
    { id: 'gone', role: 'rep', managerId: 'max', active: false },
    { id: 'max', role: 'manager', managerId: null, active: true },
  ],
  teams: new Map([['emea', ['rita', 'gone', 'ravi']]]),
  teamManagers: new Map([['emea', 'mia']]),
  territories: new Map([['DE', 'ravi']]),
};
const effectsOf = (action: Action, facts = factsForTest()) =>
  evaluateRules(
    [
      {
        id: 'r',
        name: 'r',
        position: 1,
        enabled: true,
        trigger: { kind: 'message_captured', direction: 'any' },
        conditions: [],
        actions: [action],
      },
    ],
    { kind: 'message', facts },
  ).flatMap((firing) => planEffects(firing, directory));

describe('planning what a firing does', () => {
  it('gives a German sender’s lead to the DACH rep of the territory table', () => {
    const [effect] = effectsOf({ kind: 'create_lead', owner: { kind: 'territory' } });
    expect(effect).toMatchObject({
      kind: 'create_lead',
      email: 'lena@neu.de',
      name: 'Lena Neu',
      country: 'DE',
    });
    expect(effect && 'owner' in effect ? settleOwner(effect.owner, 0) : null).toBe('ravi');
  });

  it('falls back when no territory names the country', () => {
    const [effect] = effectsOf(
      { kind: 'create_lead', owner: { kind: 'territory', fallbackUserId: 'rita' } },
      factsForTest({ country: 'BR' }),
    );
    expect(effect && 'owner' in effect ? effect.owner : null).toMatchObject({
      userIds: ['rita'],
      why: 'no territory for BR',
    });
  });

  it('rotates round robin among the active members of the team only', () => {
    const [effect] = effectsOf({
      kind: 'create_task',
      title: 'Call back',
      dueInBusinessHours: 4,
      owner: { kind: 'round_robin', teamId: 'emea' },
    });
    const pick = effect && 'owner' in effect ? effect.owner : null;
    expect([0, 1, 2].map((turn) => (pick ? settleOwner(pick, turn) : null))).toEqual([
      'rita',
      'ravi',
      'rita',
    ]);
  });

  it('escalates to the manager of the mailbox’s owner', () => {
    const [effect] = effectsOf({ kind: 'escalate', note: 'Complaint unanswered' });
    expect(effect).toMatchObject({ kind: 'notify', owner: { userIds: ['max'] } });
  });

  it('escalates to the manager of the owner’s team when the owner has no manager, else to nobody', () => {
    const escalate: Action = { kind: 'escalate', note: 'Complaint unanswered' };
    const teamless = factsForTest({ mailboxOwnerId: 'max' });
    expect(effectsOf(escalate, teamless)[0]).toMatchObject({ owner: { userIds: [] } });
    const inEmea = factsForTest({ mailboxOwnerId: 'max', ownerTeamIds: ['apac', 'emea'] });
    expect(effectsOf(escalate, inEmea)[0]).toMatchObject({ owner: { userIds: ['mia'] } });
  });

  it('assigns only records of the kind asked for, and nothing when none is linked', () => {
    const facts = factsForTest({
      records: [
        { type: 'deal', id: 'd1', ownerId: 'rita', stage: 'Discovery', amount: null },
        { type: 'account', id: 'a1', ownerId: 'rita', stage: '', amount: null },
      ],
    });
    const action: Action = {
      kind: 'assign_record',
      recordType: 'deal',
      owner: { kind: 'user', userId: 'ravi' },
    };
    expect(effectsOf(action, facts)).toMatchObject([{ kind: 'set_owner', recordId: 'd1' }]);
    expect(effectsOf(action)).toEqual([]);
  });

  it('leaves a pick without candidates to nobody', () => {
    const [effect] = effectsOf({ kind: 'notify', to: { kind: 'user', userId: 'gone' }, note: 'x' });
    expect(effect && 'owner' in effect ? settleOwner(effect.owner, 0) : 'unset').toBeNull();
  });
});

describe('the sender’s country', () => {
  it('prefers what the CRM recorded, then the domain’s country code', () => {
    expect(senderCountry({ recorded: ['fr'], domain: 'acme.de' })).toBe('FR');
    expect(senderCountry({ recorded: [''], domain: 'acme.de' })).toBe('DE');
    expect(senderCountry({ recorded: [], domain: 'shop.co.uk' })).toBe('GB');
    expect(senderCountry({ recorded: [], domain: 'acme.com' })).toBeNull();
    expect(senderCountry({ recorded: [], domain: 'startup.io' })).toBeNull();
  });
});

describe('webhook retries', () => {
  it('backs off further each time, then gives up to the dead-letter list', () => {
    const at = new Date('2025-03-03T10:00:00Z');
    expect(nextAttemptAt(1, at)?.toISOString()).toBe('2025-03-03T10:00:05.000Z');
    expect(nextAttemptAt(2, at)?.toISOString()).toBe('2025-03-03T10:00:30.000Z');
    expect(nextAttemptAt(maxDeliveryAttempts, at)).toBeNull();
  });
});
