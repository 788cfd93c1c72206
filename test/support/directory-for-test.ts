import {
  buildDirectoryIndex,
  type DirectoryIndex,
  type DirectorySnapshot,
} from '../../src/core/directory/index.js';

/**
 * Test data only: a small CRM. Acme (acme.example) has a subsidiary Acme EU
 * (eu.acme.example); Ada is Acme's contact with two addresses and two deals;
 * Bob has one open deal; Lena is a lead; case 10234 is Ada's; Sam is our rep.
 */
export function directoryForTest(overrides: Partial<DirectorySnapshot> = {}): DirectoryIndex {
  return buildDirectoryIndex({ ...baseSnapshot, ...overrides });
}

export const ids = {
  sam: 'u-sam',
  kim: 'u-kim',
  acme: 'a-acme',
  acmeEu: 'a-acme-eu',
  ada: 'c-ada',
  bob: 'c-bob',
  lena: 'l-lena',
  renewal: 'd-renewal',
  expansion: 'd-expansion',
  bobDeal: 'd-bob',
  wonDeal: 'd-won',
  case10234: 'k-10234',
} as const;

export const baseSnapshot: DirectorySnapshot = {
  users: [
    {
      id: ids.sam,
      email: 'sam@northwind.example',
      aliases: ['sales@northwind.example'],
      role: 'rep',
      managerId: ids.kim,
    },
    { id: ids.kim, email: 'kim@northwind.example', aliases: [], role: 'manager', managerId: null },
  ],
  settings: { internalDomains: ['northwind.example'], casePatterns: [] },
  accounts: [
    { id: ids.acme, externalId: 'A-1', name: 'Acme', domains: ['acme.example'], parentId: null },
    {
      id: ids.acmeEu,
      externalId: 'A-2',
      name: 'Acme EU',
      domains: ['eu.acme.example'],
      parentId: ids.acme,
    },
    {
      id: 'a-gmail',
      externalId: 'A-9',
      name: 'Misconfigured',
      domains: ['gmail.com'],
      parentId: null,
    },
  ],
  contacts: [
    {
      id: ids.ada,
      externalId: 'C-1',
      accountId: ids.acme,
      emails: ['ada@acme.example', 'ada.l@gmail.com'],
      firstName: 'Ada',
      lastName: 'Lovelace',
    },
    {
      id: ids.bob,
      externalId: 'C-2',
      accountId: ids.acmeEu,
      emails: ['bob@eu.acme.example'],
      firstName: 'Bob',
      lastName: 'Byte',
    },
  ],
  leads: [{ id: ids.lena, externalId: 'L-1', emails: ['lena@startup.example'], status: 'new' }],
  deals: [
    {
      id: ids.renewal,
      externalId: 'D-1',
      accountId: ids.acme,
      name: 'Renewal',
      status: 'open',
      closedAt: null,
      contactIds: [ids.ada],
      teamUserIds: [],
      lastActivityAt: new Date('2025-02-01T00:00:00Z'),
    },
    {
      id: ids.expansion,
      externalId: 'D-2',
      accountId: ids.acme,
      name: 'Expansion',
      status: 'open',
      closedAt: null,
      contactIds: [ids.ada],
      teamUserIds: [],
      lastActivityAt: new Date('2025-02-20T00:00:00Z'),
    },
    {
      id: ids.bobDeal,
      externalId: 'D-3',
      accountId: ids.acmeEu,
      name: 'EU rollout',
      status: 'open',
      closedAt: null,
      contactIds: [ids.bob],
      teamUserIds: [],
      lastActivityAt: null,
    },
    {
      id: ids.wonDeal,
      externalId: 'D-4',
      accountId: ids.acmeEu,
      name: 'Pilot',
      status: 'won',
      closedAt: new Date('2025-02-15T00:00:00Z'),
      contactIds: [ids.bob],
      teamUserIds: [],
      lastActivityAt: new Date('2025-02-14T00:00:00Z'),
    },
  ],
  cases: [
    {
      id: ids.case10234,
      externalId: 'K-1',
      number: '10234',
      accountId: ids.acme,
      contactId: ids.ada,
      status: 'open',
    },
  ],
  blocklist: [],
  rules: [],
};
