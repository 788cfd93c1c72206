import type { Database } from '../../adapters/db/database.js';
import {
  connectionsRepository,
  type ColleagueRow,
  type ConversationRow,
} from '../../adapters/db/repositories/connections.js';
import { crmRecordsRepository } from '../../adapters/db/repositories/crm-records.js';
import { settingsRepository } from '../../adapters/db/repositories/settings.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import type { Clock } from '../../adapters/system/clock.js';
import { domainOf, isSameOrSubdomain } from '../../core/addresses/normalize.js';
import { ThreadlineError } from '../../core/errors.js';
import {
  connectionStrength,
  type StrengthWeights,
} from '../../core/insight/connection-strength.js';
import { interactionsBetween, type ThreadMessage } from '../../core/insight/interactions.js';
import { whoKnowsWhom, type TheirPerson } from '../../core/insight/who-knows-whom.js';
import type { RecordKind } from '../../core/records/record-kinds.js';
import { readerOf } from '../mail-reads/mail-reads-service.js';
import {
  strengthSettingKey,
  strengthWeightsOf,
  strengthWeightsProblem,
} from './strength-weights.js';

/** The most recent messages a score reads: older mail adds next to nothing once decayed. */
const messagesPerScore = 5_000;
/** How many lines of each breakdown the API returns, largest first. */
const breakdownLines = 25;

const toThreadMessages = (rows: readonly ConversationRow[]): ThreadMessage[] =>
  rows.flatMap((row) =>
    row.from
      ? [
          {
            threadId: row.threadId,
            sentAt: new Date(row.sentAt),
            from: row.from,
            recipients: row.participants.filter((address) => address !== row.from),
          },
        ]
      : [],
  );

const colleagueOf = (row: ColleagueRow) => ({ id: row.id, name: row.name, email: row.email });

/**
 * Relationship insight over captured mail: how strong each colleague's
 * connection with a contact is, with its breakdown, and who knows whom at an
 * account. Every figure is computed from the mail the reader may see, so it
 * tells them nothing they could not open.
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

  async function weights(): Promise<StrengthWeights> {
    const stored = await settings.setting(strengthSettingKey);
    const problem = strengthWeightsProblem(stored ?? {});
    if (problem) {
      throw new ThreadlineError('VALIDATION_FAILED', `Setting ${strengthSettingKey}: ${problem}`);
    }
    return strengthWeightsOf(stored);
  }

  async function requireRecord(type: RecordKind, id: string) {
    const record = await records.getRecord(type, id);
    if (!record) throw new ThreadlineError('NOT_FOUND', `No ${type} with id ${id}`);
    return record;
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
      const messages = toThreadMessages(
        addresses.length
          ? await connections.messagesWith(readerOf(user), addresses, messagesPerScore)
          : [],
      );
      const now = clock.now();
      const them = new Set(addresses);
      return colleagues
        .map((colleague) => ({
          colleague,
          strength: connectionStrength(
            interactionsBetween(messages, new Set(colleague.addresses), them),
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

    /** Our people and theirs at the account, strongest first, and others on the same threads. */
    async account(user: UserRow, accountId: string) {
      await requireRecord('account', accountId);
      const [people, colleagues, scoring, rows] = await Promise.all([
        connections.accountPeople(accountId),
        connections.colleagues(),
        weights(),
        connections.messagesOfAccount(readerOf(user), accountId, messagesPerScore),
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
      const theirs: TheirPerson[] = [...addresses].map((address) => ({
        address,
        contactId: contactOf.get(address)?.id ?? null,
      }));
      const result = whoKnowsWhom(messages, colleagues, theirs, clock.now(), scoring);
      const colleagueById = new Map(colleagues.map((colleague) => [colleague.id, colleague]));
      const named = (id: string) => colleagueOf(colleagueById.get(id)!);
      return {
        teamScore: result.teamScore,
        ours: result.ours.map(({ colleagueId, ...side }) => ({
          user: named(colleagueId),
          ...side,
        })),
        theirs: result.theirs.map(({ closestColleagueId, contactId, ...side }) => ({
          ...side,
          contact: contactId ? { id: contactId, name: contactOf.get(side.address)!.name } : null,
          closestColleague: named(closestColleagueId),
        })),
        thirdParties: [...result.thirdParties],
      };
    },
  };
}

export type ConnectionsService = ReturnType<typeof createConnectionsService>;
