import { describe, expect, it } from 'vitest';
import type { DirectorySnapshot } from '../directory/index.js';
import {
  isNothingToRefile,
  nothingToRefile,
  refileEverything,
  refileScope,
} from './refile-scope.js';

const directory: DirectorySnapshot = {
  users: [{ id: 'u1', email: 'rita@us.example', aliases: [], role: 'rep', managerId: null }],
  settings: { internalDomains: ['us.example'], casePatterns: [] },
  accounts: [
    { id: 'a1', externalId: 'ACC-1', name: 'Acme', domains: ['Acme.com'], parentId: null },
    { id: 'a2', externalId: 'ACC-2', name: 'Globex', domains: ['globex.example'], parentId: null },
  ],
  contacts: [
    {
      id: 'c1',
      externalId: 'CON-1',
      accountId: 'a1',
      emails: ['Ada@Acme.com', 'ada@gmail.example'],
      firstName: 'Ada',
      lastName: 'L',
    },
    {
      id: 'c2',
      externalId: 'CON-2',
      accountId: 'a2',
      emails: ['gil@globex.example'],
      firstName: 'Gil',
      lastName: 'B',
    },
  ],
  leads: [{ id: 'l1', externalId: null, emails: ['lee@lead.example'], status: 'open' }],
  deals: [
    {
      id: 'd1',
      externalId: 'DEAL-7',
      accountId: 'a1',
      name: 'Renewal',
      status: 'open',
      closedAt: null,
      contactIds: ['c2'],
      teamUserIds: [],
      lastActivityAt: null,
    },
  ],
  cases: [
    {
      id: 'k1',
      externalId: null,
      number: '00042',
      accountId: null,
      contactId: 'c2',
      status: 'open',
    },
  ],
  blocklist: [],
  doNotTrack: [],
  rules: [],
};

const scope = (parts: Partial<typeof nothingToRefile>) => ({ ...nothingToRefile, ...parts });

describe('which stored mail a CRM change concerns', () => {
  it('is none when nothing changed, or only a deal’s last activity', () => {
    expect(refileScope(directory, directory)).toEqual(nothingToRefile);
    const active = {
      ...directory,
      deals: directory.deals.map((d) => ({ ...d, lastActivityAt: new Date('2026-01-01') })),
    };
    expect(isNothingToRefile(refileScope(directory, active))).toBe(true);
  });

  it('is a new contact’s addresses, normalised', () => {
    const after = {
      ...directory,
      contacts: [
        ...directory.contacts,
        {
          id: 'c3',
          externalId: null,
          accountId: null,
          emails: ['Nina@NewCo.Example', 'not an address'],
          firstName: 'Nina',
          lastName: 'N',
        },
      ],
    };
    expect(refileScope(directory, after)).toEqual(scope({ addresses: ['nina@newco.example'] }));
  });

  it('is both the old and the new address of a contact whose address changed', () => {
    const after = {
      ...directory,
      contacts: directory.contacts.map((c) =>
        c.id === 'c2' ? { ...c, emails: ['gil@globex.com'] } : c,
      ),
    };
    expect(refileScope(directory, after)).toEqual(
      scope({ addresses: ['gil@globex.com', 'gil@globex.example'] }),
    );
  });

  it('is a removed lead’s addresses', () => {
    expect(refileScope(directory, { ...directory, leads: [] })).toEqual(
      scope({ addresses: ['lee@lead.example'] }),
    );
  });

  it('is an account’s old and new domains and its contacts’ addresses', () => {
    const after = {
      ...directory,
      accounts: directory.accounts.map((a) => (a.id === 'a1' ? { ...a, domains: ['acme.io'] } : a)),
    };
    expect(refileScope(directory, after)).toEqual(
      scope({
        addresses: ['ada@acme.com', 'ada@gmail.example'],
        domains: ['acme.com', 'acme.io'],
      }),
    );
  });

  it('is a deal’s account, people and id when the deal changes', () => {
    const after = {
      ...directory,
      deals: directory.deals.map((d) => ({ ...d, status: 'won' as const })),
    };
    expect(refileScope(directory, after)).toEqual(
      scope({
        addresses: ['ada@acme.com', 'ada@gmail.example', 'gil@globex.example'],
        domains: ['acme.com'],
        subjectTerms: ['deal-7'],
      }),
    );
  });

  it('is a case’s number and its contact when the case changes', () => {
    const after = {
      ...directory,
      cases: directory.cases.map((c) => ({ ...c, status: 'closed' })),
    };
    expect(refileScope(directory, after)).toEqual(
      scope({ addresses: ['gil@globex.example'], subjectTerms: ['00042'] }),
    );
  });

  it('is everything when what applies to all mail changes', () => {
    const changes: Partial<DirectorySnapshot>[] = [
      { settings: { internalDomains: ['us.example', 'us.test'], casePatterns: [] } },
      { users: [{ ...directory.users[0]!, aliases: ['r@us.example'] }] },
      { blocklist: [{ ownerUserId: null, pattern: 'spam.example' }] },
      { doNotTrack: ['ada@acme.com'] },
      {
        rules: [
          {
            id: 'r1',
            ownerId: null,
            kind: 'subject',
            pattern: 'renewal',
            recordType: 'deal',
            recordId: 'd1',
          },
        ],
      },
    ];
    for (const change of changes) {
      expect(refileScope(directory, { ...directory, ...change })).toEqual(refileEverything);
    }
  });

  it('is not everything when only a user’s role or manager changes', () => {
    const after = {
      ...directory,
      users: [{ ...directory.users[0]!, role: 'admin', managerId: 'u9' }],
    };
    expect(refileScope(directory, after)).toEqual(nothingToRefile);
  });
});
