import type { Queryable } from '../../adapters/db/database.js';
import { connectionsRepository } from '../../adapters/db/repositories/connections.js';
import type { ReaderParams } from '../../adapters/db/repositories/message-visibility.js';
import {
  connectionStrength,
  type StrengthWeights,
} from '../../core/insight/connection-strength.js';
import { interactionsBetween, type ThreadMessage } from '../../core/insight/interactions.js';
import { messagesPerScore, toThreadMessages } from './scoring-inputs.js';

/** How many colleagues "who can introduce me" names. */
const introducers = 3;

/**
 * The colleagues, other than the reader, closest to a contact: whom to ask
 * for an introduction. Scored from who wrote to whom and when in every
 * captured conversation, so a colleague whose mail is private is still
 * named, with their score alone: nothing of that mail (no subject, no
 * breakdown) is returned, and `privateMail` says the reader cannot open
 * some of what the score is made of.
 */
export async function closestColleagues(
  database: Queryable,
  addresses: readonly string[],
  reader: ReaderParams,
  now: Date,
  weights: StrengthWeights,
) {
  if (addresses.length === 0) return [];
  const connections = connectionsRepository(database);
  const [colleagues, everything, visible] = await Promise.all([
    connections.colleagues(),
    connections.metadataWith(addresses, messagesPerScore),
    connections.messagesWith(reader, addresses, messagesPerScore),
  ]);
  const them = new Set(addresses);
  const between = (messages: readonly ThreadMessage[], ours: readonly string[]) =>
    interactionsBetween(messages, new Set(ours), them);
  const all = toThreadMessages(everything);
  const open = toThreadMessages(visible);
  return colleagues
    .filter((colleague) => colleague.id !== reader.id)
    .map((colleague) => {
      const interactions = between(all, colleague.addresses);
      const { score, trend, lastAt } = connectionStrength(interactions, now, weights);
      const privateMail = between(open, colleague.addresses).length < interactions.length;
      return { colleague, score, trend, lastAt, privateMail, count: interactions.length };
    })
    .filter((candidate) => candidate.count > 0)
    .sort((a, b) => b.score - a.score || a.colleague.email.localeCompare(b.colleague.email))
    .slice(0, introducers)
    .map(({ colleague, score, trend, lastAt, privateMail }) => ({
      user: { id: colleague.id, name: colleague.name, email: colleague.email },
      score,
      trend,
      lastAt,
      privateMail,
    }));
}
