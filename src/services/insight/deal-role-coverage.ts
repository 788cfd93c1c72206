import type { Queryable } from '../../adapters/db/database.js';
import { connectionsRepository } from '../../adapters/db/repositories/connections.js';
import type { ReaderParams } from '../../adapters/db/repositories/message-visibility.js';
import { coverageOfRoles, type DealRoleCoverage } from '../../core/insight/role-coverage.js';
import {
  groupStrength,
  pairStrengths,
  type GroupStrength,
} from '../../core/insight/who-knows-whom.js';
import {
  encountersWith,
  messagesPerScore,
  storedStrengthWeights,
  teamColleagues,
  toThreadMessages,
} from './scoring-inputs.js';

export interface DealInsight extends DealRoleCoverage {
  /** The team's connection with the deal's contacts: the mail filed on the deal, their meetings and opens. */
  readonly team: GroupStrength;
}

/**
 * Which buying roles of a deal the team has reached, from the mail filed on
 * the deal and the meetings and opens of its contacts, all that the reader
 * may see: each contact's role (from their role on the deal, else their
 * title), the team's connection with them, and the roles nobody engaged
 * plays. The team is every colleague, or the members
 * of `teamId`. The deal must exist; the caller checks it.
 */
export async function dealRoleCoverage(
  database: Queryable,
  dealId: string,
  reader: ReaderParams,
  now: Date,
  teamId: string | null = null,
): Promise<DealInsight> {
  const connections = connectionsRepository(database);
  const [contacts, everyone, weights, rows] = await Promise.all([
    connections.dealContacts(dealId),
    connections.colleagues(),
    storedStrengthWeights(database),
    connections.messagesOfRecord(reader, 'deal', dealId, messagesPerScore),
  ]);
  const theirs = contacts.flatMap((contact) =>
    contact.addresses.map((address) => ({ address, contactId: contact.id })),
  );
  const [colleagues, encounters] = await Promise.all([
    teamColleagues(database, everyone, teamId),
    encountersWith(
      database,
      reader,
      theirs.map((person) => person.address),
      now,
    ),
  ]);
  const history = { messages: toThreadMessages(rows), encounters };
  const pairs = pairStrengths(history, colleagues, theirs, now, weights);
  const coverage = coverageOfRoles(
    contacts.map((contact) => ({
      contactId: contact.id,
      name: contact.name,
      title: contact.title,
      dealRole: contact.role,
      ...groupStrength(
        pairs.filter((entry) => contact.addresses.includes(entry.pair.address)),
        now,
        weights,
      ),
    })),
  );
  return { ...coverage, team: groupStrength(pairs, now, weights) };
}
