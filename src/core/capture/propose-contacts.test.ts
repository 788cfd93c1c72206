import { describe, expect, it } from 'vitest';
import { directoryForTest, ids } from '../../../test/support/directory-for-test.js';
import type { MailAddress } from '../message.js';
import { classifyNoise } from '../noise/classify-noise.js';
import { messageForTest } from '../../../test/support/message-for-test.js';
import { emptyThreadContext } from './link.js';
import { decide } from './decide.js';
import { nameOf, proposeContacts } from './propose-contacts.js';

const person = (address: string, name = ''): MailAddress => ({ address, name });

function proposalsFor(
  cc: MailAddress[],
  options: { createContacts?: boolean; from?: string; headers?: Record<string, string> } = {},
) {
  const directory = directoryForTest();
  const message = messageForTest({
    from: options.from ?? 'bob@eu.acme.example',
    cc,
    headers: options.headers ?? {},
  });
  const decision = decide({
    message,
    noise: classifyNoise(message),
    directory,
    mailboxOwnerUserId: ids.sam,
    thread: emptyThreadContext,
    now: new Date('2025-03-01T12:00:00Z'),
  });
  return proposeContacts({
    message,
    decision,
    directory,
    createContacts: options.createContacts ?? true,
  });
}

describe('proposing contacts for new people in captured mail', () => {
  it('proposes a new person on a known account’s domain, named from the display name, on the thread’s deal', () => {
    expect(proposalsFor([person('jane.doe@eu.acme.example', 'Jane Doe')])).toEqual([
      {
        address: 'jane.doe@eu.acme.example',
        firstName: 'Jane',
        lastName: 'Doe',
        accountId: ids.acmeEu,
        dealId: ids.bobDeal,
      },
    ]);
  });

  it('leaves the deal out when the message is linked to several or none', () => {
    const [proposal] = proposalsFor([person('new@acme.example', 'New Person')], {
      from: 'someone@acme.example',
    });
    expect(proposal).toMatchObject({ accountId: ids.acme, dealId: null });
  });

  it('proposes nobody when the mailbox does not create contacts', () => {
    expect(proposalsFor([person('jane.doe@eu.acme.example')], { createContacts: false })).toEqual(
      [],
    );
  });

  it('proposes nobody for mail that is not captured, such as a newsletter', () => {
    const headers = { 'List-Unsubscribe': '<mailto:leave@acme.example>' };
    expect(proposalsFor([person('jane.doe@acme.example')], { headers })).toEqual([]);
  });

  it.each([
    ['a free-mail address', 'jane@gmail.com'],
    ['a role address', 'sales@acme.example'],
    ['a role address with a tag', 'support+tickets@acme.example'],
    ['a no-reply address', 'no-reply@acme.example'],
    ['a notification address', 'notifications@acme.example'],
    ['a colleague', 'kim@northwind.example'],
    ['an existing contact', 'ada@acme.example'],
    ['an existing lead', 'lena@startup.example'],
    ['someone on no account’s domain', 'jane@elsewhere.example'],
  ])('never proposes %s', (_, address) => {
    expect(proposalsFor([person(address, 'Jane Doe')]).map((p) => p.address)).not.toContain(
      address,
    );
  });
});

describe('naming a proposed contact', () => {
  it.each([
    [person('x@a.example', 'Jane Doe'), 'Jane', 'Doe'],
    [person('x@a.example', 'Doe, Jane'), 'Jane', 'Doe'],
    [person('x@a.example', '"Jane  van der Berg"'), 'Jane', 'van der Berg'],
    [person('jane.doe@a.example', ''), 'Jane', 'Doe'],
    [person('jane_doe2@a.example', 'jane_doe2@a.example'), 'Jane', 'Doe'],
    [person('jdoe@a.example', ''), 'Jdoe', ''],
  ])('names %o %s %s', (participant, firstName, lastName) => {
    expect(nameOf(participant)).toEqual({ firstName, lastName });
  });
});
