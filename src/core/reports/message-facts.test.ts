import { describe, expect, it } from 'vitest';
import { defaultWorkCalendar } from '../rules/business-hours.js';
import { mailWide, messageFacts, type MessageFactInput } from './message-facts.js';

const reply: MessageFactInput = {
  messageId: 'm2',
  sentAt: new Date('2025-03-10T10:00:00Z'),
  senderUserId: null,
  recipientUserIds: ['rita'],
  participants: ['ada@acme.com', 'rita@us.example'],
  carriesMeeting: false,
  copies: [
    { ownerId: 'rita', captured: true, held: false, sentFromRecord: false, excludedDomains: [] },
  ],
  links: [{ type: 'account', id: 'acme' }],
  recordShares: [],
  previous: { sentAt: new Date('2025-03-07T16:00:00Z'), fromUs: true },
};

describe('messageFacts', () => {
  it('counts a message once mail-wide and once per record, for the colleague it was addressed to', () => {
    const result = messageFacts(reply, () => defaultWorkCalendar)!;
    expect(
      result.facts.map((fact) => [fact.recordType, fact.recordId, fact.repId, fact.day]),
    ).toEqual([
      [mailWide.type, mailWide.id, 'rita', '2025-03-10'],
      ['account', 'acme', 'rita', '2025-03-10'],
    ]);
  });

  it('times their answer in working minutes: Friday 16:00 to Monday 10:00 is two hours', () => {
    const [fact] = messageFacts(reply, () => defaultWorkCalendar)!.facts;
    expect(fact).toMatchObject({ kind: 'inbound', responseSide: 'theirs', responseMinutes: 120 });
  });

  it('is no answer when the message before came from the same side', () => {
    const [fact] = messageFacts(
      { ...reply, previous: { sentAt: new Date('2025-03-07T16:00:00Z'), fromUs: false } },
      () => defaultWorkCalendar,
    )!.facts;
    expect(fact).toMatchObject({ responseSide: null, responseMinutes: null });
  });

  it('counts ours for the colleague who wrote, and a meeting as a meeting', () => {
    const [fact] = messageFacts(
      { ...reply, senderUserId: 'ravi', carriesMeeting: true, previous: null },
      () => defaultWorkCalendar,
    )!.facts;
    expect(fact).toMatchObject({ kind: 'meeting', repId: 'ravi', responseSide: null });
  });

  it('keeps a copy whose participants touch an excluded domain with its owner', () => {
    const result = messageFacts(
      { ...reply, copies: [{ ...reply.copies[0]!, excludedDomains: ['acme.com'] }] },
      () => defaultWorkCalendar,
    )!;
    expect(result.audience.sharedOwnerIds).toEqual([]);
  });

  it('has no facts for a message no one holds', () => {
    expect(
      messageFacts({ ...reply, copies: [], recipientUserIds: [] }, () => defaultWorkCalendar),
    ).toBeNull();
  });
});
