import { describe, expect, it } from 'vitest';
import { classifyNoise } from '../noise/classify-noise.js';
import { mailAddress, messageForTest } from '../../../test/support/message-for-test.js';
import type { ParsedMessage } from '../message.js';
import { directoryForTest, ids, baseSnapshot } from '../../../test/support/directory-for-test.js';
import type { DirectoryIndex } from '../directory/index.js';
import { decide } from './decide.js';
import { emptyThreadContext, type ThreadContext } from './link.js';

function decideFor(
  message: ParsedMessage,
  options: { directory?: DirectoryIndex; thread?: ThreadContext; owner?: string } = {},
) {
  return decide({
    message,
    noise: classifyNoise(message),
    directory: options.directory ?? directoryForTest(),
    mailboxOwnerUserId: options.owner ?? ids.sam,
    thread: options.thread ?? emptyThreadContext,
    now: new Date('2025-03-01T12:00:00Z'),
  });
}

const to = (...addresses: string[]) => addresses.map(mailAddress);
const linkOf = (decision: ReturnType<typeof decide>, type: string) =>
  decision.links.filter((link) => link.type === type);

describe('scope', () => {
  it('captures mail from a contact with the contact and the contact’s account, and says why', () => {
    const decision = decideFor(messageForTest({ subject: 'Hello' }));
    expect(decision.captured).toBe(true);
    expect(decision.category).toBe('human');
    expect(decision.reasons).toEqual(['contact ada@acme.example', 'account acme.example']);
    expect(linkOf(decision, 'contact')).toEqual([
      expect.objectContaining({
        recordId: ids.ada,
        reason: 'address ada@acme.example',
        confidence: 1,
      }),
    ]);
    expect(linkOf(decision, 'account')).toEqual([
      expect.objectContaining({ recordId: ids.acme, reason: "contact's account" }),
    ]);
  });

  it('ignores noise even from a known customer', () => {
    const decision = decideFor(
      messageForTest({ headers: { 'Auto-Submitted': 'auto-replied' }, subject: 'Out of office' }),
    );
    expect(decision).toMatchObject({ captured: false, category: 'auto_reply', links: [] });
    expect(decision.reasons[0]).toContain('Auto-Submitted');
  });

  it('keeps mail among colleagues, aliases and internal subdomains internal', () => {
    const decision = decideFor(
      messageForTest({
        from: 'sam@northwind.example',
        to: to('sales@northwind.example', 'ops@uk.northwind.example'),
      }),
    );
    expect(decision).toMatchObject({ captured: false, category: 'internal' });
  });

  it('judges an internal reply inside a customer thread on its own participants', () => {
    const decision = decideFor(
      messageForTest({ from: 'kim@northwind.example', to: to('sam@northwind.example') }),
      { thread: { ...emptyThreadContext, dealIds: [ids.renewal] } },
    );
    expect(decision.category).toBe('internal');
  });

  it('ignores a stranger as no_crm_participant', () => {
    const decision = decideFor(messageForTest({ from: 'someone@unknown.example' }));
    expect(decision).toMatchObject({ captured: false, category: 'no_crm_participant' });
  });

  it('blocks an organisation-wide blocked domain with its subdomains', () => {
    const directory = directoryForTest({
      blocklist: [{ ownerUserId: null, pattern: 'acme.example' }],
    });
    const decision = decideFor(messageForTest({ from: 'ada@mail.acme.example' }), { directory });
    expect(decision).toMatchObject({ captured: false, category: 'blocked' });
    expect(decision.reasons).toEqual(['blocked ada@mail.acme.example (block list: acme.example)']);
  });

  it('applies a user’s own block list to their mailbox only', () => {
    const directory = directoryForTest({
      blocklist: [{ ownerUserId: ids.kim, pattern: 'ada@acme.example' }],
    });
    expect(decideFor(messageForTest(), { directory, owner: ids.kim }).category).toBe('blocked');
    expect(decideFor(messageForTest(), { directory, owner: ids.sam }).captured).toBe(true);
  });

  it('captures an invitation as a meeting', () => {
    const decision = decideFor(
      messageForTest({ calendar: { method: 'REQUEST', asAttachment: false } }),
    );
    expect(decision).toMatchObject({ captured: true, category: 'meeting' });
  });
});

describe('discussion list posts', () => {
  const listHeaders = {
    'List-Id': '<users.lists.example>',
    'List-Post': '<mailto:users@lists.example>',
    Precedence: 'list',
  };
  const post = (from: string, cc: string[] = []) =>
    messageForTest({
      from,
      to: to('users@lists.example'),
      cc: to(...cc),
      headers: listHeaders,
    });

  it('captures a post whose author is a contact, linked to the author only', () => {
    const decision = decideFor(post('ada@acme.example', ['bob@eu.acme.example']));
    expect(decision).toMatchObject({ captured: true, category: 'list' });
    expect(linkOf(decision, 'contact').map((l) => l.recordId)).toEqual([ids.ada]);
  });

  it('keeps out a post by a stranger even when a contact reads the same list', () => {
    const decision = decideFor(post('someone@stranger.example', ['ada@acme.example']));
    expect(decision).toMatchObject({ captured: false, category: 'list', links: [] });
    expect(decision.reasons).toContain('list address users@lists.example');
  });

  it("captures a stranger's post to a group whose address is the customer's", () => {
    const decision = decideFor(
      messageForTest({
        from: 'someone@stranger.example',
        to: to('partners@acme.example'),
        sender: mailAddress('partners@acme.example'),
      }),
    );
    expect(decision).toMatchObject({ captured: true, category: 'list' });
    expect(linkOf(decision, 'account').map((l) => l.recordId)).toEqual([ids.acme]);
  });
});

describe('association', () => {
  it('links a contact writing from a secondary free-mail address to the contact and account', () => {
    const decision = decideFor(messageForTest({ from: 'Ada.L@GMAIL.com' }));
    expect(linkOf(decision, 'contact')[0]?.recordId).toBe(ids.ada);
    expect(linkOf(decision, 'account')[0]?.recordId).toBe(ids.acme);
  });

  it('never maps a free-mail stranger to an account, even one misconfigured with gmail.com', () => {
    const decision = decideFor(messageForTest({ from: 'stranger@gmail.com' }));
    expect(decision.category).toBe('no_crm_participant');
  });

  it('links an unknown person on an account’s domain to that account with lower confidence', () => {
    const decision = decideFor(messageForTest({ from: 'new.person@acme.example' }));
    expect(decision.links).toEqual([
      expect.objectContaining({
        type: 'account',
        recordId: ids.acme,
        reason: 'domain acme.example',
        confidence: 0.8,
      }),
    ]);
  });

  it('links a subsidiary’s domain to the subsidiary, not the parent', () => {
    const decision = decideFor(messageForTest({ from: 'new.person@eu.acme.example' }));
    expect(decision.links.map((l) => l.recordId)).toEqual([ids.acmeEu]);
  });

  it('links a lead by address', () => {
    const decision = decideFor(messageForTest({ from: 'lena@startup.example' }));
    expect(decision.links).toEqual([
      expect.objectContaining({
        type: 'lead',
        recordId: ids.lena,
        reason: 'address lena@startup.example',
      }),
    ]);
  });

  it.each(['[Case #10234] Printer broken', 'Re: Case 10234 still open', 'case no. 10234'])(
    'links the case, its account and contact from the subject "%s"',
    (subject) => {
      const decision = decideFor(messageForTest({ from: 'helpdesk@unknown.example', subject }));
      expect(decision.captured).toBe(true);
      expect(linkOf(decision, 'case')[0]).toMatchObject({ recordId: ids.case10234, confidence: 1 });
      expect(linkOf(decision, 'contact')[0]?.recordId).toBe(ids.ada);
      expect(linkOf(decision, 'account')[0]?.recordId).toBe(ids.acme);
    },
  );

  it('links a case through a configured pattern', () => {
    const directory = directoryForTest({
      settings: { ...baseSnapshot.settings, casePatterns: ['Ticket\\s+T(\\d+)'] },
    });
    const decision = decideFor(messageForTest({ subject: 'Ticket T10234 update' }), { directory });
    expect(linkOf(decision, 'case')[0]?.recordId).toBe(ids.case10234);
  });
});

describe('the deal rule', () => {
  it('keeps the deal already on the thread', () => {
    const decision = decideFor(messageForTest(), {
      thread: { ...emptyThreadContext, dealIds: [ids.renewal] },
    });
    expect(linkOf(decision, 'deal')).toEqual([
      expect.objectContaining({
        recordId: ids.renewal,
        reason: 'deal on this thread',
        confidence: 1,
      }),
    ]);
  });

  it('follows an explicit deal reference in the subject', () => {
    const decision = decideFor(messageForTest({ subject: 'Contract for Deal #D-1' }));
    expect(linkOf(decision, 'deal').map((l) => l.recordId)).toEqual([ids.renewal]);
  });

  it('links the single open deal of a participating contact', () => {
    const decision = decideFor(messageForTest({ from: 'bob@eu.acme.example' }));
    expect(linkOf(decision, 'deal')).toEqual([
      expect.objectContaining({ recordId: ids.bobDeal, confidence: 0.9 }),
    ]);
  });

  it('picks the most recently active of several deals and marks it ambiguous', () => {
    const decision = decideFor(messageForTest());
    expect(linkOf(decision, 'deal')).toEqual([
      expect.objectContaining({
        recordId: ids.expansion,
        ambiguous: true,
        alternatives: [ids.renewal],
        confidence: 0.5,
      }),
    ]);
  });

  it('links a won deal only for mail sent before it closed', () => {
    const before = decideFor(
      messageForTest({ from: 'bob@eu.acme.example', date: new Date('2025-02-10T00:00:00Z') }),
    );
    const after = decideFor(
      messageForTest({ from: 'bob@eu.acme.example', date: new Date('2025-02-20T00:00:00Z') }),
    );
    expect(linkOf(before, 'deal').map((l) => l.recordId)).toEqual([ids.wonDeal]);
    expect(linkOf(before, 'deal')[0]?.alternatives).toEqual([ids.bobDeal]);
    expect(linkOf(after, 'deal').map((l) => l.recordId)).toEqual([ids.bobDeal]);
  });

  it('never links mail sent after a deal closed, on the thread, by name or by a rule', () => {
    const directory = directoryForTest({
      rules: [
        {
          id: 'r1',
          ownerId: null,
          kind: 'keyword',
          pattern: 'pilot',
          recordType: 'deal',
          recordId: ids.wonDeal,
        },
      ],
    });
    const at = (date: string) =>
      decideFor(
        messageForTest({
          from: 'bob@eu.acme.example',
          subject: 'Deal #D-4 pilot',
          date: new Date(date),
        }),
        { directory, thread: { ...emptyThreadContext, dealIds: [ids.wonDeal] } },
      );
    expect(linkOf(at('2025-02-10T00:00:00Z'), 'deal').map((l) => l.recordId)).toEqual([
      ids.wonDeal,
    ]);
    expect(linkOf(at('2025-02-20T00:00:00Z'), 'deal').map((l) => l.recordId)).toEqual([
      ids.bobDeal,
    ]);
  });

  it('links a won deal without a close date only when named, never as a contact’s deal', () => {
    const deals = baseSnapshot.deals.map((deal) =>
      deal.id === ids.wonDeal ? { ...deal, closedAt: null } : deal,
    );
    const directory = directoryForTest({ deals });
    const from = 'bob@eu.acme.example';
    const date = new Date('2025-02-10T00:00:00Z');
    expect(
      linkOf(decideFor(messageForTest({ from, date }), { directory }), 'deal').map(
        (l) => l.recordId,
      ),
    ).toEqual([ids.bobDeal]);
    expect(
      linkOf(
        decideFor(messageForTest({ from, date, subject: 'Deal #D-4' }), { directory }),
        'deal',
      ).map((l) => l.recordId),
    ).toEqual([ids.wonDeal]);
  });
});

describe('rules and manual links', () => {
  it('files by subject, for replies too, and captures mail that would otherwise be ignored', () => {
    const directory = directoryForTest({
      rules: [
        {
          id: 'r1',
          ownerId: null,
          kind: 'subject',
          pattern: 'Tender 2025',
          recordType: 'deal',
          recordId: ids.bobDeal,
        },
      ],
    });
    const decision = decideFor(
      messageForTest({ from: 'buyer@unknown.example', subject: 'RE: AW: Tender 2025' }),
      { directory },
    );
    expect(decision.captured).toBe(true);
    expect(decision.links).toEqual([
      expect.objectContaining({ type: 'deal', recordId: ids.bobDeal, source: 'rule' }),
    ]);
  });

  it('applies a keyword rule to whole words only, and another user’s rule not at all', () => {
    const rules = [
      {
        id: 'r1',
        ownerId: ids.sam,
        kind: 'keyword' as const,
        pattern: 'falcon',
        recordType: 'deal',
        recordId: ids.bobDeal,
      },
    ];
    const directory = directoryForTest({ rules });
    const from = 'buyer@unknown.example';
    expect(
      decideFor(messageForTest({ from, text: 'Project Falcon budget' }), { directory }).captured,
    ).toBe(true);
    expect(decideFor(messageForTest({ from, text: 'falconry club' }), { directory }).captured).toBe(
      false,
    );
    expect(
      decideFor(messageForTest({ from, text: 'Project Falcon' }), { directory, owner: ids.kim })
        .captured,
    ).toBe(false);
  });

  it('keeps a manual unlink and a manual added link for the rest of the thread', () => {
    const decision = decideFor(messageForTest(), {
      thread: {
        ...emptyThreadContext,
        manualRemoved: [{ type: 'deal', recordId: ids.expansion }],
        manualAdded: [{ type: 'deal', recordId: ids.bobDeal }],
      },
    });
    const deals = linkOf(decision, 'deal');
    expect(deals.map((l) => l.recordId)).toEqual([ids.bobDeal]);
    expect(deals[0]?.source).toBe('manual');
  });

  it('says who took every record off the thread rather than that no one is known', () => {
    const decision = decideFor(messageForTest({ from: 'lena@startup.example' }), {
      thread: {
        ...emptyThreadContext,
        manualRemoved: [{ type: 'lead', recordId: ids.lena, by: 'sam@northwind.example' }],
      },
    });
    expect(decision).toMatchObject({
      captured: false,
      category: 'no_crm_participant',
      reasons: ['unlinked by sam@northwind.example'],
    });
  });

  it('ignores a manual link to a record that no longer exists', () => {
    const decision = decideFor(messageForTest({ from: 'x@unknown.example' }), {
      thread: { ...emptyThreadContext, manualAdded: [{ type: 'deal', recordId: 'gone' }] },
    });
    expect(decision.category).toBe('no_crm_participant');
  });
});
