import { organisationOf } from '../addresses/domain-name.js';
import { domainOf } from '../addresses/normalize.js';
import {
  combinedScore,
  connectionStrength,
  defaultStrengthWeights,
  trendOf,
  type ConnectionStrength,
  type StrengthWeights,
  type Trend,
} from './connection-strength.js';
import {
  historyBetween,
  type History,
  type Interaction,
  type ThreadMessage,
} from './interactions.js';

/** One of our people, with every address they write from. */
export interface Colleague {
  readonly id: string;
  readonly addresses: readonly string[];
}

/** One of theirs: an address, and the contact it belongs to when the CRM knows it. */
export interface TheirPerson {
  readonly address: string;
  readonly contactId: string | null;
}

export interface PairStrength extends ConnectionStrength {
  readonly colleagueId: string;
  readonly address: string;
}

export interface OurSide {
  readonly colleagueId: string;
  readonly score: number;
  readonly trend: Trend;
  readonly lastAt: Date | null;
  /** The address of theirs this colleague is closest to. */
  readonly closest: string;
}

export interface TheirSide {
  readonly address: string;
  readonly contactId: string | null;
  readonly score: number;
  readonly trend: Trend;
  readonly lastAt: Date | null;
  /** Our colleague closest to them: the one to ask for an introduction. */
  readonly closestColleagueId: string;
}

/** Someone on the threads who is neither ours nor theirs: a partner, a reseller, a lawyer. */
export interface ThirdParty {
  readonly address: string;
  readonly domain: string;
  /** The registrable domain: the firm they write for. */
  readonly organisation: string;
  readonly threads: number;
}

export interface WhoKnowsWhom {
  readonly ours: readonly OurSide[];
  readonly theirs: readonly TheirSide[];
  /** Others on the same threads: partners, resellers, lawyers. */
  readonly thirdParties: readonly ThirdParty[];
  /** The whole team's connection with the whole other side. */
  readonly teamScore: number;
  /** Where the team's connection is heading, from every pair's interactions. */
  readonly teamTrend: Trend;
  readonly teamLastAt: Date | null;
}

const recipientsOf = (message: { from: string; recipients: readonly string[] }) =>
  message.recipients.filter((address) => address !== message.from);

function latest(dates: readonly (Date | null)[]): Date | null {
  return dates.reduce<Date | null>(
    (last, date) => (date && (!last || date > last) ? date : last),
    null,
  );
}

export interface GroupStrength {
  readonly score: number;
  readonly trend: Trend;
  readonly lastAt: Date | null;
}

const teamOf = ({ score, trend, lastAt }: GroupStrength) => ({
  teamScore: score,
  teamTrend: trend,
  teamLastAt: lastAt,
});

/**
 * Several pairs as one connection (a colleague with a whole account, the
 * team with one contact): their scores combined, the trend of all their
 * interactions together, the latest of their dates.
 */
export function groupStrength(
  group: readonly { pair: PairStrength; interactions: readonly Interaction[] }[],
  now: Date,
  weights: StrengthWeights = defaultStrengthWeights,
): GroupStrength {
  return {
    score: combinedScore(group.map((entry) => entry.pair.score)),
    trend: trendOf(
      group.flatMap((entry) => entry.interactions),
      now,
      weights,
    ),
    lastAt: latest(group.map((entry) => entry.pair.lastAt)),
  };
}

/** Every pair of ours and theirs that shares at least one message, meeting or open, scored. */
export function pairStrengths(
  history: History,
  colleagues: readonly Colleague[],
  theirs: readonly TheirPerson[],
  now: Date,
  weights: StrengthWeights = defaultStrengthWeights,
): { pair: PairStrength; interactions: Interaction[] }[] {
  const ownerOf = new Map<string, Colleague>();
  for (const colleague of colleagues) {
    for (const address of colleague.addresses) ownerOf.set(address, colleague);
  }
  const pairs: { pair: PairStrength; interactions: Interaction[] }[] = [];
  for (const person of theirs) {
    const shared: History = {
      messages: history.messages.filter(
        (message) => message.from === person.address || message.recipients.includes(person.address),
      ),
      encounters: history.encounters.filter((encounter) =>
        encounter.people.includes(person.address),
      ),
    };
    const present = new Set<Colleague>();
    const everyone = [
      ...shared.messages.flatMap((message) => [message.from, ...recipientsOf(message)]),
      ...shared.encounters.flatMap((encounter) => encounter.people),
    ];
    for (const address of everyone) {
      const colleague = ownerOf.get(address);
      if (colleague) present.add(colleague);
    }
    for (const colleague of present) {
      const interactions = historyBetween(
        shared,
        new Set(colleague.addresses),
        new Set([person.address]),
      );
      if (interactions.length === 0) continue;
      const strength = connectionStrength(interactions, now, weights);
      pairs.push({
        pair: { ...strength, colleagueId: colleague.id, address: person.address },
        interactions,
      });
    }
  }
  return pairs;
}

/**
 * Who knows whom between our team and the other side of an account or a
 * deal: for each colleague, their connection with the other side as a whole
 * (their pair scores combined) and the person they are closest to; for each
 * of theirs, the team's connection with them and our closest colleague; the
 * others on the same threads; all strongest first.
 *
 * @example
 * whoKnowsWhom({ messages, encounters: [] }, [{ id: 'rita', addresses: ['rita@us.example'] }],
 *   [{ address: 'ada@acme.com', contactId: 'c1' }], now)
 * // { ours: [{ colleagueId: 'rita', closest: 'ada@acme.com', … }], theirs: [{ closestColleagueId: 'rita', … }], … }
 */
export function whoKnowsWhom(
  history: History,
  colleagues: readonly Colleague[],
  theirs: readonly TheirPerson[],
  now: Date,
  weights: StrengthWeights = defaultStrengthWeights,
  theirDomains: readonly string[] = [],
): WhoKnowsWhom {
  const pairs = pairStrengths(history, colleagues, theirs, now, weights);
  const strongestFirst = <T extends { score: number }>(list: T[]) =>
    list.sort((a, b) => b.score - a.score);
  const side = <Key extends 'colleagueId' | 'address'>(key: Key) => {
    const groups = new Map<string, typeof pairs>();
    for (const entry of pairs) {
      const id = entry.pair[key];
      groups.set(id, [...(groups.get(id) ?? []), entry]);
    }
    return [...groups.entries()].map(([id, group]) => {
      const best = group.reduce((a, b) => (b.pair.score > a.pair.score ? b : a));
      return { id, best: best.pair, ...groupStrength(group, now, weights) };
    });
  };
  const ours = strongestFirst(
    side('colleagueId').map(({ id, best, score, trend, lastAt }) => ({
      colleagueId: id,
      score,
      trend,
      lastAt,
      closest: best.address,
    })),
  );
  const contactOf = new Map(theirs.map((person) => [person.address, person.contactId]));
  const theirSide = strongestFirst(
    side('address').map(({ id, best, score, trend, lastAt }) => ({
      address: id,
      contactId: contactOf.get(id) ?? null,
      score,
      trend,
      lastAt,
      closestColleagueId: best.colleagueId,
    })),
  );
  return {
    ours,
    theirs: theirSide,
    thirdParties: thirdPartiesOf(history.messages, colleagues, theirs, theirDomains),
    ...teamOf(groupStrength(pairs, now, weights)),
  };
}

/**
 * Addresses on threads with the other side whose organisation is neither
 * ours nor theirs (by registrable domain, so `eu.acme.com` is Acme), most
 * threads first.
 */
function thirdPartiesOf(
  messages: readonly ThreadMessage[],
  colleagues: readonly Colleague[],
  theirs: readonly TheirPerson[],
  theirDomains: readonly string[],
): ThirdParty[] {
  const known = new Set([
    ...colleagues.flatMap((colleague) => colleague.addresses),
    ...theirs.map((person) => person.address),
  ]);
  const sides = new Set(
    [...colleagues.flatMap((colleague) => colleague.addresses.map(domainOf)), ...theirDomains].map(
      organisationOf,
    ),
  );
  const threads = new Map<string, Set<string>>();
  for (const message of messages) {
    for (const address of [message.from, ...message.recipients]) {
      if (known.has(address) || sides.has(organisationOf(domainOf(address)))) continue;
      threads.set(address, (threads.get(address) ?? new Set()).add(message.threadId));
    }
  }
  return [...threads.entries()]
    .map(([address, ids]) => {
      const domain = domainOf(address);
      return { address, domain, organisation: organisationOf(domain), threads: ids.size };
    })
    .sort((a, b) => b.threads - a.threads || a.address.localeCompare(b.address));
}
