import type { MessageFacts } from './facts.js';

/** Test data only: an inbound message from an unknown German sender, fields replaced. */
export function factsForTest(fields: Partial<MessageFacts> = {}): MessageFacts {
  return {
    messageId: '00000000-0000-4000-8000-000000000001',
    messageKey: '<m1@neu.de>',
    threadId: 't1',
    sentAt: new Date('2025-03-07T10:00:00Z'),
    captured: true,
    direction: 'inbound',
    sender: 'lena@neu.de',
    senderName: 'Lena Neu',
    senderDomain: 'neu.de',
    senderKnown: false,
    domainKnown: false,
    subject: 'Angebot',
    text: 'Könnten Sie uns ein Angebot schicken?',
    intents: [{ intent: 'quote_request', reasons: ['body "ein Angebot schicken"'] }],
    sentiment: 'neutral',
    country: 'DE',
    mailboxOwnerId: 'rita',
    ownerTeamIds: [],
    records: [],
    meetings: [],
    ...fields,
  };
}
