import { describe, expect, it } from 'vitest';
import {
  canOpenBody,
  canReadMessage,
  touchesDomain,
  type MessageCopy,
  type Reader,
  type SharingContext,
  type SharingMode,
} from './access.js';

// The organisation: Ada (admin) manages Max (manager), who manages Rita and Ravi.
// Olga is a rep in another team, under Mona.
const user = (id: string, role: Reader['role'] = 'rep'): Reader => ({
  id,
  role,
  addresses: [`${id}@us.example`, `${id}.alias@us.example`],
});
const rita = user('rita');
const ravi = user('ravi');
const max = user('max', 'manager');
const ada = user('ada', 'admin');
const olga = user('olga');
const mona = user('mona', 'manager');

const managerOf = new Map<string, string | null>([
  ['rita', 'max'],
  ['ravi', 'max'],
  ['max', 'ada'],
  ['ada', null],
  ['olga', 'mona'],
  ['mona', null],
]);

const deal = { type: 'deal', id: 'deal-1' } as const;
const otherDeal = { type: 'deal', id: 'deal-2' } as const;

const context = (overrides: Partial<SharingContext> = {}): SharingContext => ({
  managerOf,
  namedShares: [],
  recordShares: [],
  links: [deal],
  participants: ['grace@acme.example', 'rita@us.example'],
  ...overrides,
});

const copy = (
  ownerId: string,
  mode: SharingMode,
  overrides: Partial<MessageCopy> = {},
): MessageCopy => ({
  ownerId,
  sharing: { mode, excludedDomains: [] },
  dataScope: 'full',
  captured: true,
  held: false,
  holdsBody: true,
  ...overrides,
});

const readers = { rita, ravi, max, ada, olga };
type Who = keyof typeof readers;
const whoCanRead = (copies: MessageCopy[], ctx: SharingContext): Who[] =>
  (Object.keys(readers) as Who[]).filter((who) => canReadMessage(readers[who], copies, ctx));

describe('canReadMessage', () => {
  it('private: only the owner, not even the manager chain or an admin', () => {
    expect(whoCanRead([copy('rita', 'private')], context())).toEqual(['rita']);
  });

  it('public: everyone, in any team', () => {
    expect(whoCanRead([copy('rita', 'public')], context())).toEqual([
      'rita',
      'ravi',
      'max',
      'ada',
      'olga',
    ]);
  });

  it('custom without any share: only the owner', () => {
    expect(whoCanRead([copy('rita', 'custom')], context())).toEqual(['rita']);
  });

  it('custom with a named user: that user, and the managers up the chain', () => {
    const ctx = context({ namedShares: [{ ownerId: 'rita', userId: 'olga' }] });
    expect(whoCanRead([copy('rita', 'custom')], ctx)).toEqual(['rita', 'max', 'ada', 'olga']);
  });

  it('custom with a record share: the grantee sees mail filed on that record', () => {
    const ctx = context({ recordShares: [{ ownerId: 'rita', record: deal, userId: 'ravi' }] });
    expect(whoCanRead([copy('rita', 'custom')], ctx)).toEqual(['rita', 'ravi', 'max', 'ada']);
  });

  it('custom with a record share: mail filed elsewhere stays with the owner', () => {
    const ctx = context({
      links: [otherDeal],
      recordShares: [{ ownerId: 'rita', record: deal, userId: 'ravi' }],
    });
    expect(whoCanRead([copy('rita', 'custom')], ctx)).toEqual(['rita']);
  });

  it('custom: a share made by another owner does not open this owner’s copy', () => {
    const ctx = context({
      namedShares: [{ ownerId: 'ravi', userId: 'olga' }],
      recordShares: [{ ownerId: 'ravi', record: deal, userId: 'olga' }],
    });
    expect(whoCanRead([copy('rita', 'custom')], ctx)).toEqual(['rita']);
  });

  it('the manager chain is walked to the top, and only upwards', () => {
    const ctx = context({ namedShares: [{ ownerId: 'rita', userId: 'ravi' }] });
    const underMona = new Map(managerOf).set('max', 'mona');
    expect(canReadMessage(mona, [copy('rita', 'custom')], { ...ctx, managerOf: underMona })).toBe(
      true,
    );
    // Rita is below Max, not above: Max's shared mail is not Rita's to read.
    const maxCtx = context({ namedShares: [{ ownerId: 'max', userId: 'ada' }] });
    expect(canReadMessage(rita, [copy('max', 'custom')], maxCtx)).toBe(false);
  });

  it('survives a cycle in the manager data', () => {
    const cyclic = new Map<string, string | null>([
      ['rita', 'max'],
      ['max', 'rita'],
    ]);
    const ctx = context({ managerOf: cyclic, namedShares: [{ ownerId: 'rita', userId: 'ravi' }] });
    expect(canReadMessage(olga, [copy('rita', 'custom')], ctx)).toBe(false);
    expect(canReadMessage(max, [copy('rita', 'custom')], ctx)).toBe(true);
  });

  it('an excluded domain keeps the message private, subdomains included', () => {
    const excluded = copy('rita', 'public', {
      sharing: { mode: 'public', excludedDomains: ['acme.example'] },
    });
    expect(whoCanRead([excluded], context())).toEqual(['rita']);
    expect(
      whoCanRead([excluded], context({ participants: ['ana@eu.acme.example', 'rita@us.example'] })),
    ).toEqual(['rita']);
    expect(
      whoCanRead([excluded], context({ participants: ['ana@notacme.example', 'rita@us.example'] })),
    ).toEqual(['rita', 'ravi', 'max', 'ada', 'olga']);
  });

  it('a copy the mailbox did not capture (noise, internal) stays with its owner', () => {
    expect(whoCanRead([copy('rita', 'public', { captured: false })], context())).toEqual(['rita']);
  });

  it('a copy held in its owner’s review queue stays with its owner until filed', () => {
    expect(whoCanRead([copy('rita', 'public', { held: true })], context())).toEqual(['rita']);
    expect(
      whoCanRead([copy('rita', 'public', { held: true }), copy('ravi', 'public')], context()),
    ).toEqual(['rita', 'ravi', 'max', 'ada', 'olga']);
  });

  it('a message in several mailboxes is visible when any copy allows it', () => {
    const copies = [copy('rita', 'private'), copy('ravi', 'public')];
    expect(whoCanRead(copies, context())).toEqual(['rita', 'ravi', 'max', 'ada', 'olga']);
    expect(whoCanRead([copy('rita', 'private'), copy('ravi', 'private')], context())).toEqual([
      'rita',
      'ravi',
    ]);
  });

  it('an admin sees what the owner shares with anyone, as the top of every manager chain', () => {
    // Olga is in Mona's team, under no one Ada manages: Ada still sees what Olga shares.
    const ctx = context({ namedShares: [{ ownerId: 'olga', userId: 'mona' }] });
    expect(canReadMessage(ada, [copy('olga', 'custom')], ctx)).toBe(true);
    expect(canReadMessage(ada, [copy('olga', 'custom')], context())).toBe(false);
  });

  it('break-glass: the admin holding a grant reads the owner’s private, held and ignored copies', () => {
    const grant = context({ breakGlass: [{ adminId: 'ada', ownerId: 'rita' }] });
    for (const hidden of [
      copy('rita', 'private'),
      copy('rita', 'public', { held: true }),
      copy('rita', 'public', { captured: false }),
    ]) {
      expect(whoCanRead([hidden], grant)).toEqual(['rita', 'ada']);
      expect(canOpenBody(ada, [hidden], grant)).toBe(true);
    }
  });

  it('break-glass: a grant opens only its owner’s copies, and only for the admin it names', () => {
    const grant = context({ breakGlass: [{ adminId: 'ada', ownerId: 'ravi' }] });
    expect(canReadMessage(ada, [copy('rita', 'private')], grant)).toBe(false);
    // A rep or manager named in a grant gets nothing from it: only admins break the glass.
    const toRep = context({
      breakGlass: [
        { adminId: 'max', ownerId: 'rita' },
        { adminId: 'olga', ownerId: 'rita' },
      ],
    });
    expect(whoCanRead([copy('rita', 'private')], toRep)).toEqual(['rita']);
  });

  it('a message without copies is nobody’s, not even an admin’s', () => {
    expect(whoCanRead([], context())).toEqual([]);
  });
});

describe('canOpenBody', () => {
  it('opens wherever the message is visible through a full or no-attachments copy', () => {
    expect(canOpenBody(olga, [copy('rita', 'public')], context())).toBe(true);
    expect(
      canOpenBody(olga, [copy('rita', 'public', { dataScope: 'no_attachments' })], context()),
    ).toBe(true);
  });

  it('metadata only: the message’s participants open it, through any of their addresses', () => {
    const metadata = [copy('rita', 'public', { dataScope: 'metadata' })];
    const ctx = context({ participants: ['grace@acme.example', 'ravi.alias@us.example'] });
    expect(canReadMessage(olga, metadata, ctx)).toBe(true);
    expect(canOpenBody(olga, metadata, ctx)).toBe(false);
    expect(canOpenBody(ravi, metadata, ctx)).toBe(true);
  });

  it('metadata only: admins and even the mailbox owner need to be participants', () => {
    const metadata = [copy('rita', 'public', { dataScope: 'metadata' })];
    const ctx = context({ participants: ['grace@acme.example', 'team@us.example'] });
    expect(canOpenBody(ada, metadata, ctx)).toBe(false);
    expect(canOpenBody(rita, metadata, ctx)).toBe(false);
  });

  it('a full copy the reader may not see does not open a metadata-only one', () => {
    const copies = [
      copy('ravi', 'private', { dataScope: 'full' }),
      copy('rita', 'public', { dataScope: 'metadata' }),
    ];
    expect(canOpenBody(olga, copies, context())).toBe(false);
    expect(canOpenBody(ravi, copies, context())).toBe(true);
  });

  it('a copy that did not hold the stored body opens it to no one, its own owner included', () => {
    // Ben planted a message with Ada's Message-ID and headers: his copy lets him
    // see the headers he wrote himself, never the body Ada's copy stored.
    const copies = [copy('rita', 'private'), copy('ravi', 'public', { holdsBody: false })];
    const ctx = context({ participants: ['grace@acme.example'] });
    expect(canReadMessage(ravi, copies, ctx)).toBe(true);
    expect(canOpenBody(ravi, copies, ctx)).toBe(false);
    expect(canOpenBody(olga, copies, ctx)).toBe(false);
    expect(canOpenBody(rita, copies, ctx)).toBe(true);
  });

  it('never opens what the reader may not see, participant or not', () => {
    const ctx = context({ participants: ['olga@us.example'] });
    expect(canOpenBody(olga, [copy('rita', 'private')], ctx)).toBe(false);
  });
});

describe('touchesDomain', () => {
  it('matches the domain and its subdomains, not lookalikes', () => {
    expect(touchesDomain('a@acme.com', ['acme.com'])).toBe(true);
    expect(touchesDomain('a@mail.acme.com', ['acme.com'])).toBe(true);
    expect(touchesDomain('a@notacme.com', ['acme.com'])).toBe(false);
    expect(touchesDomain('acme.com', ['acme.com'])).toBe(false);
  });
});
