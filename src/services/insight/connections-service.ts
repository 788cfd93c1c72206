import type { Database } from '../../adapters/db/database.js';
import {
  connectionsRepository,
  type ColleagueRow,
} from '../../adapters/db/repositories/connections.js';
import { crmRecordsRepository } from '../../adapters/db/repositories/crm-records.js';
import { settingsRepository } from '../../adapters/db/repositories/settings.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import type { Clock } from '../../adapters/system/clock.js';
import { domainOf, isSameOrSubdomain } from '../../core/addresses/normalize.js';
import { ThreadlineError } from '../../core/errors.js';
import { connectionStrength } from '../../core/insight/connection-strength.js';
import { historyBetween } from '../../core/insight/interactions.js';
import { thirdPartyRole } from '../../core/insight/third-party-roles.js';
import {
  whoKnowsWhom,
  type ThirdParty,
  type TheirPerson,
} from '../../core/insight/who-knows-whom.js';
import type { RecordKind } from '../../core/records/record-kinds.js';
import { readerOf } from '../mail-reads/mail-reads-service.js';
import { createAuditLog } from '../sharing/audit-log.js';
import { closestColleagues } from './closest-colleagues.js';
import { dealRoleCoverage } from './deal-role-coverage.js';
import {
  encountersWith,
  messagesPerScore,
  storedStrengthWeights,
  teamColleagues,
  toThreadMessages,
} from './scoring-inputs.js';
import {
  strengthSettingKey,
  strengthWeightsOf,
  strengthWeightsOverride,
  strengthWeightsProblem,
} from './strength-weights.js';

/** How many lines of each breakdown the API returns, largest first. */
const breakdownLines = 25;

const colleagueOf = (row: ColleagueRow) => ({ id: row.id, name: row.name, email: row.email });

/**
 * Relationship insight over captured mail, meetings and opens of tracked
 * mail: how strong each colleague's connection with a contact is, with its
 * breakdown, and who knows whom at an account. Every figure is computed from
 * what the reader may see, so it tells them nothing they could not open.
 */
export function createConnectionsService({
  database,
  clock,
}: {
  database: Database;
  clock: Clock;
}) {
  const connections = connectionsRepository(database);
  const records = crmRecordsRepository(database);
  const settings = settingsRepository(database);
  const audit = createAuditLog(database, clock);

  const weights = () => storedStrengthWeights(database);

  async function requireRecord(type: RecordKind, id: string) {
    const record = await records.getRecord(type, id);
    if (!record) throw new ThreadlineError('NOT_FOUND', `No ${type} with id ${id}`);
    return record;
  }

  /**
   * Our people (every colleague, or the members of `teamId`) and theirs at
   * the account, strongest first, and others on the same threads.
   */
  async function account(user: UserRow, accountId: string, teamId: string | null = null) {
    await requireRecord('account', accountId);
    const [people, colleagues, scoring, rows] = await Promise.all([
      connections.accountPeople(accountId),
      connections.colleagues(),
      weights(),
      connections.messagesOfRecord(readerOf(user), 'account', accountId, messagesPerScore),
    ]);
    const messages = toThreadMessages(rows);
    const contactOf = new Map<string, { id: string; name: string }>();
    for (const contact of people.contacts) {
      for (const address of contact.addresses) contactOf.set(address, contact);
    }
    const atAccountDomain = (address: string) =>
      people.domains.some((domain) => isSameOrSubdomain(domainOf(address), domain));
    const ours = new Set(colleagues.flatMap((colleague) => colleague.addresses));
    const addresses = new Set(
      messages
        .flatMap((message) => [message.from, ...message.recipients])
        .filter(
          (address) => !ours.has(address) && (contactOf.has(address) || atAccountDomain(address)),
        ),
    );
    // The account's contacts met or reading our mail count even where no filed mail names them.
    for (const address of contactOf.keys()) addresses.add(address);
    const now = clock.now();
    const [team, encounters] = await Promise.all([
      teamColleagues(database, colleagues, teamId),
      encountersWith(database, readerOf(user), [...addresses], now),
    ]);
    const theirs: TheirPerson[] = [...addresses].map((address) => ({
      address,
      contactId: contactOf.get(address)?.id ?? null,
    }));
    const result = whoKnowsWhom(
      { messages, encounters },
      team,
      theirs,
      now,
      scoring,
      people.domains,
    );
    const colleagueById = new Map(colleagues.map((colleague) => [colleague.id, colleague]));
    const named = (id: string) => colleagueOf(colleagueById.get(id)!);
    return {
      teamScore: result.teamScore,
      teamTrend: result.teamTrend,
      teamLastAt: result.teamLastAt,
      ours: result.ours.map(({ colleagueId, ...side }) => ({
        user: named(colleagueId),
        ...side,
      })),
      theirs: result.theirs.map(({ closestColleagueId, contactId, ...side }) => ({
        ...side,
        contact: contactId ? { id: contactId, name: contactOf.get(side.address)!.name } : null,
        closestColleague: named(closestColleagueId),
      })),
      thirdParties: await namedThirdParties(result.thirdParties),
    };
  }

  /** Each third party with what they are to the account (lawyer, reseller, partner) and why. */
  async function namedThirdParties(parties: readonly ThirdParty[]) {
    if (parties.length === 0) return [];
    const facts = new Map(
      (await connections.thirdPartyFacts(parties)).map((row) => [row.address, row]),
    );
    return parties.map((party) => ({
      ...party,
      ...thirdPartyRole({
        domain: party.domain,
        title: facts.get(party.address)?.title ?? null,
        accountName: facts.get(party.address)?.accountName ?? null,
      }),
    }));
  }

  return {
    /** Each colleague's connection with the contact, strongest first, every point explained. */
    async contact(user: UserRow, contactId: string) {
      await requireRecord('contact', contactId);
      const [addresses, colleagues, scoring] = await Promise.all([
        connections.contactAddresses(contactId),
        connections.colleagues(),
        weights(),
      ]);
      const now = clock.now();
      const [rows, encounters] = await Promise.all([
        addresses.length
          ? connections.messagesWith(readerOf(user), addresses, messagesPerScore)
          : [],
        encountersWith(database, readerOf(user), addresses, now),
      ]);
      const history = { messages: toThreadMessages(rows), encounters };
      const them = new Set(addresses);
      return colleagues
        .map((colleague) => ({
          colleague,
          strength: connectionStrength(
            historyBetween(history, new Set(colleague.addresses), them),
            now,
            scoring,
          ),
        }))
        .filter(({ strength }) => strength.breakdown.length > 0)
        .sort((a, b) => b.strength.score - a.strength.score)
        .map(({ colleague, strength }) => ({
          user: colleagueOf(colleague),
          ...strength,
          breakdown: strength.breakdown.slice(0, breakdownLines),
        }));
    },

    account,

    /** The deal's buying roles, who plays them, which were never reached, and the team's score. */
    async deal(user: UserRow, dealId: string, teamId: string | null = null) {
      await requireRecord('deal', dealId);
      const coverage = await dealRoleCoverage(
        database,
        dealId,
        readerOf(user),
        clock.now(),
        teamId,
      );
      const contactOf = <T extends { contactId: string; name: string }>({
        contactId,
        name,
        ...rest
      }: T) => ({ contact: { id: contactId, name }, ...rest });
      return {
        ...coverage,
        roles: coverage.roles.map(({ contacts, ...role }) => ({
          ...role,
          contacts: contacts.map(contactOf),
        })),
        unreached: [...coverage.unreached],
        unassigned: coverage.unassigned.map(contactOf),
      };
    },

    /** Whom the user may ask for an introduction to the contact, closest first. */
    async closestColleagues(user: UserRow, contactId: string) {
      await requireRecord('contact', contactId);
      const [addresses, scoring] = await Promise.all([
        connections.contactAddresses(contactId),
        weights(),
      ]);
      return closestColleagues(database, addresses, readerOf(user), clock.now(), scoring);
    },

    /**
     * The accounts where the user owns open deals and the team's connection,
     * in the mail the user may see, is cooling or cold: coldest first.
     */
    async goingCold(user: UserRow) {
      const accounts = await connections.openDealAccounts(user.id);
      const scored = [];
      for (const { id, ...rest } of accounts) {
        const { teamScore, teamTrend, teamLastAt } = await account(user, id);
        if (teamTrend === 'cooling' || teamTrend === 'cold') {
          scored.push({ id, ...rest, score: teamScore, trend: teamTrend, lastAt: teamLastAt });
        }
      }
      const rank = { cold: 0, cooling: 1 } as const;
      return scored.sort((a, b) => rank[a.trend] - rank[b.trend] || a.score - b.score);
    },

    /** The weights in force, and the organisation's override of the defaults. */
    async strengthWeights() {
      const current = await weights();
      const stored = await settings.setting(strengthSettingKey);
      return { weights: current, override: strengthWeightsOverride.parse(stored ?? {}) };
    },

    /** Replaces the organisation's override (admin only; audited); `{}` restores the defaults. */
    async saveStrengthWeights(admin: UserRow, override: unknown) {
      if (admin.role !== 'admin') {
        throw new ThreadlineError(
          'FORBIDDEN',
          'Only an admin sets the connection strength weights',
        );
      }
      const problem = strengthWeightsProblem(override);
      if (problem) throw new ThreadlineError('VALIDATION_FAILED', problem);
      const valid = strengthWeightsOverride.parse(override);
      await settings.saveSetting(strengthSettingKey, valid);
      await audit.record(
        admin,
        'settings.connection_strength',
        { type: 'settings', id: strengthSettingKey },
        valid,
      );
      return { weights: strengthWeightsOf(valid), override: valid };
    },
  };
}

export type ConnectionsService = ReturnType<typeof createConnectionsService>;
