import { domainToASCII } from 'node:url';
import { isFreeMailDomain } from '../../src/core/directory/index.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * The invented organisation and CRM behind a labelled corpus: who our users
 * are, which companies, people, deals and cases exist. Every name and domain
 * comes from the seeded generator, so another seed is another world.
 */
export interface Person {
  readonly first: string;
  readonly last: string;
}

export interface WorldUser extends Person {
  readonly email: string;
  readonly role: 'admin' | 'manager' | 'rep';
  readonly aliases: readonly string[];
  readonly managerEmail: string | null;
}

export interface WorldAccount {
  readonly externalId: string;
  readonly name: string;
  /** As written in the CRM; the first is the main one. */
  readonly domains: readonly string[];
  readonly parentExternalId: string | null;
}

export interface WorldContact extends Person {
  readonly externalId: string;
  readonly accountExternalId: string | null;
  /** Primary first, then personal free-mail addresses. */
  readonly emails: readonly string[];
}

export interface WorldLead extends Person {
  readonly externalId: string;
  readonly company: string;
  readonly emails: readonly string[];
}

export interface WorldDeal {
  readonly externalId: string;
  readonly accountExternalId: string;
  readonly name: string;
  readonly status: 'open' | 'won' | 'lost';
  readonly contactExternalIds: readonly string[];
}

export interface WorldCase {
  readonly externalId: string;
  readonly number: string;
  readonly accountExternalId: string;
  readonly contactExternalId: string;
  readonly subject: string;
  readonly status: 'open' | 'closed';
}

export interface World {
  readonly internalDomains: readonly string[];
  readonly users: readonly WorldUser[];
  readonly accounts: readonly WorldAccount[];
  readonly contacts: readonly WorldContact[];
  readonly leads: readonly WorldLead[];
  readonly deals: readonly WorldDeal[];
  readonly cases: readonly WorldCase[];
  readonly blocklist: readonly { ownerEmail: string | null; pattern: string }[];
  /** Domains that belong to no one in the CRM: strangers, vendors, services. */
  readonly strangerDomains: readonly string[];
  readonly freeMailDomains: readonly string[];
}

const firstNames = [
  'Grace',
  'Ada',
  'Jürgen',
  'Anna',
  'Lin',
  'Omar',
  'Priya',
  'Lena',
  'Marco',
  'Sofia',
  'Kenji',
  'Amélie',
  'Noah',
  'Fatima',
  'Lukas',
  'Elena',
  'Mateo',
  'Chloé',
  'Ravi',
  'Ingrid',
  'Tomás',
  'Yuki',
  'Olivia',
  'Björn',
  'Aisha',
  'Pierre',
  'Hana',
  'Diego',
  'Freya',
  'Jonas',
  'Camille',
  'Arjun',
  'Nora',
  'Mia',
  'Leon',
  'Zoe',
  'Sven',
  'Lucía',
  'Malik',
  'Greta',
];
const lastNames = [
  'Hopper',
  'Klein',
  'Schmidt',
  'Chen',
  'Haddad',
  'Raman',
  'Fischer',
  'Rossi',
  'García',
  'Tanaka',
  'Dubois',
  'Novak',
  'Müller',
  'Okafor',
  'Larsen',
  'Silva',
  "O'Brien",
  'Kowalski',
  'Nguyen',
  'Jansen',
  'Moreau',
  'Weber',
  'Costa',
  'Lindqvist',
  'Patel',
  'Ivanova',
  'Bauer',
  'Romero',
  'Yilmaz',
  'Becker',
  'Andersen',
  'Ferrari',
  'Kim',
  'Lopez',
  'Brandt',
  'Sato',
];
const syllables = [
  'nor',
  'vex',
  'tal',
  'quin',
  'bri',
  'sol',
  'mar',
  'kel',
  'dor',
  'ast',
  'lum',
  'cor',
  'fen',
  'zar',
  'hal',
  'tri',
  'ven',
  'obi',
  'pra',
  'gal',
  'ori',
  'tek',
  'mon',
  'ply',
  'rud',
  'sen',
];
const companyKinds = [
  'Systems',
  'Logistics',
  'Labs',
  'Industries',
  'Analytics',
  'Foods',
  'Partners',
  'Energy',
  'Health',
  'Robotics',
];
const tlds = ['com', 'de', 'io', 'co.uk', 'fr', 'nl', 'it', 'es', 'net'];
const personalDomains = ['gmail.com', 'web.de', 'gmx.de', 'outlook.com', 'yahoo.fr', 'icloud.com'];

/** ASCII for addresses: `Jürgen` becomes `juergen`, `O'Brien` becomes `obrien`. */
export function asciiName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
}

/** Lower case and the ASCII (punycode) domain: how the pipeline compares addresses. */
export function normalized(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at).toLowerCase()}@${domainToASCII(address.slice(at + 1).toLowerCase())}`;
}

export function domainOfAddress(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

export function createWorld(random: SeededRandom): World {
  const usedDomains = new Set<string>();
  const usedPeople = new Set<string>();
  const word = (parts: number) =>
    Array.from({ length: parts }, () => random.pick(syllables)).join('');
  const freshDomain = (stem: string, tld = random.pick(tlds)): string => {
    for (let attempt = 0; ; attempt += 1) {
      const domain = attempt === 0 ? `${stem}.${tld}` : `${stem}${attempt}.${tld}`;
      if (!usedDomains.has(domain) && !isFreeMailDomain(domainToASCII(domain))) {
        usedDomains.add(domain);
        return domain;
      }
    }
  };
  const person = (): Person => {
    for (;;) {
      const candidate = { first: random.pick(firstNames), last: random.pick(lastNames) };
      const key = `${candidate.first} ${candidate.last}`;
      if (!usedPeople.has(key)) {
        usedPeople.add(key);
        return candidate;
      }
    }
  };

  const brand = word(2);
  const internalDomains = [freshDomain(brand, 'com'), freshDomain(`${brand}-labs`, 'io')];
  const [home, labs] = internalDomains as [string, string];
  const userPeople = Array.from({ length: 4 }, person);
  const userEmail = (p: Person) => `${asciiName(p.first)}@${home}`;
  const manager = userEmail(userPeople[0]!);
  const users: WorldUser[] = userPeople.map((p, i) => ({
    ...p,
    email: userEmail(p),
    role: i === 0 ? 'manager' : 'rep',
    managerEmail: i === 0 ? null : manager,
    aliases:
      i === 1
        ? [`${asciiName(p.first)}.${asciiName(p.last)}@${home}`, `${asciiName(p.first)}@${labs}`]
        : i === 2
          ? [`${asciiName(p.first)}.${asciiName(p.last)}@${home}`]
          : [],
  }));

  const accounts: WorldAccount[] = [];
  const accountCount = 14;
  for (let a = 0; a < accountCount; a += 1) {
    const stem = word(2);
    const name = `${stem[0]!.toUpperCase()}${stem.slice(1)} ${random.pick(companyKinds)}`;
    const main = a === 5 ? freshDomain(`${stem}-müller`, 'de') : freshDomain(stem);
    const domains = a % 3 === 0 ? [main, freshDomain(stem, 'io')] : [main];
    accounts.push({ externalId: `ACC-${100 + a * 7}`, name, domains, parentExternalId: null });
  }
  // A parent with a subsidiary on a subdomain of its own, and one on a domain of its own.
  const parent = accounts[0]!;
  accounts.push({
    externalId: 'ACC-900',
    name: `${parent.name} Europe`,
    domains: [`eu.${parent.domains[0]!}`],
    parentExternalId: parent.externalId,
  });
  accounts.push({
    externalId: 'ACC-901',
    name: `${parent.name} Research`,
    domains: [freshDomain(`${word(1)}-research`)],
    parentExternalId: 'ACC-900',
  });

  const contacts: WorldContact[] = [];
  for (const account of accounts) {
    const count = account.externalId === 'ACC-901' ? 1 : 2 + random.int(2);
    for (let c = 0; c < count; c += 1) {
      const p = person();
      const local = random.chance(0.7)
        ? `${asciiName(p.first)}.${asciiName(p.last)}`
        : `${asciiName(p.first)[0]!}${asciiName(p.last)}`;
      const emails = [`${local}@${account.domains[0]!}`];
      if (random.chance(0.4)) {
        emails.push(
          `${asciiName(p.first)}${asciiName(p.last)}${10 + random.int(89)}@${random.pick(personalDomains)}`,
        );
      }
      contacts.push({
        ...p,
        externalId: `CON-${1000 + contacts.length * 3}`,
        accountExternalId: account.externalId,
        emails,
      });
    }
  }
  const soloPerson = person();
  contacts.push({
    ...soloPerson,
    externalId: `CON-${1000 + contacts.length * 3}`,
    accountExternalId: null,
    emails: [`${asciiName(soloPerson.first)}.consulting@${random.pick(personalDomains)}`],
  });

  const leads: WorldLead[] = Array.from({ length: 6 }, (_, l) => {
    const p = person();
    const stem = word(2);
    const domain = l === 5 ? random.pick(personalDomains) : freshDomain(stem);
    return {
      ...p,
      externalId: `LEAD-${200 + l * 11}`,
      company: `${stem[0]!.toUpperCase()}${stem.slice(1)} ${random.pick(companyKinds)}`,
      emails: [`${asciiName(p.first)}.${asciiName(p.last)}@${domain}`],
    };
  });

  const contactsOf = (accountId: string) =>
    contacts.filter((c) => c.accountExternalId === accountId);
  const deals: WorldDeal[] = [];
  let dealNumber = 3000 + random.int(500);
  const dealId = () => `DEAL-${(dealNumber += 1 + random.int(12))}`;
  // The first contact of the parent has two open deals and a won one; the won deal
  // also names a second contact, who has no other deal.
  const [busy, colleagueOfBusy] = contactsOf(parent.externalId) as [WorldContact, WorldContact];
  deals.push(
    {
      externalId: dealId(),
      accountExternalId: parent.externalId,
      name: `${parent.name} platform renewal`,
      status: 'open',
      contactExternalIds: [busy.externalId],
    },
    {
      externalId: dealId(),
      accountExternalId: parent.externalId,
      name: `${parent.name} analytics expansion`,
      status: 'open',
      contactExternalIds: [busy.externalId],
    },
    {
      externalId: dealId(),
      accountExternalId: parent.externalId,
      name: `${parent.name} pilot`,
      status: 'won',
      contactExternalIds: [busy.externalId, colleagueOfBusy.externalId],
    },
  );
  for (const account of accounts.slice(1, 9)) {
    const [first] = contactsOf(account.externalId);
    if (!first) continue;
    deals.push({
      externalId: dealId(),
      accountExternalId: account.externalId,
      name: `${account.name} ${random.pick(['rollout', 'subscription', 'pilot', 'migration'])}`,
      status: 'open',
      contactExternalIds: [first.externalId],
    });
  }
  deals.push({
    externalId: dealId(),
    accountExternalId: accounts[10]!.externalId,
    name: `${accounts[10]!.name} tender`,
    status: 'lost',
    contactExternalIds: [],
  });

  const issues = [
    'Login fails after SSO change',
    'Invoice address wrong',
    'Export stuck at 99%',
    'Sync error on mobile app',
    'Missing data after upgrade',
  ];
  const cases: WorldCase[] = [0, 2, 4, 6, 11].map((a, k) => {
    const account = accounts[a]!;
    const contact = contactsOf(account.externalId)[contactsOf(account.externalId).length - 1]!;
    return {
      externalId: `CASE-${50 + k}`,
      number: String(40_000 + random.int(50_000) + k * 100_000).padStart(8, '0'),
      accountExternalId: account.externalId,
      contactExternalId: contact.externalId,
      subject: issues[k]!,
      status: k === 1 ? 'closed' : 'open',
    };
  });

  const strangerDomains = Array.from({ length: 24 }, () => freshDomain(word(2)));
  const blockedDomain = freshDomain(`${word(1)}-recruiting`, 'com');
  const secondRep = users[2]!;
  const friend = `${asciiName(person().first)}.private@gmail.com`;
  const blockingContact = contacts.find((c) => c.emails.length > 1 && c !== busy)!;
  return {
    internalDomains,
    users,
    accounts,
    contacts,
    leads,
    deals,
    cases,
    blocklist: [
      { ownerEmail: null, pattern: blockedDomain },
      { ownerEmail: null, pattern: `Promo@${strangerDomains[0]!}` },
      { ownerEmail: secondRep.email, pattern: friend },
      { ownerEmail: secondRep.email, pattern: blockingContact.emails[1]! },
    ],
    strangerDomains,
    freeMailDomains: personalDomains,
  };
}
