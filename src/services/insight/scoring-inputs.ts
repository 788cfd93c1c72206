import type { Queryable } from '../../adapters/db/database.js';
import {
  connectionsRepository,
  type ColleagueRow,
  type ConversationRow,
} from '../../adapters/db/repositories/connections.js';
import { encountersRepository } from '../../adapters/db/repositories/encounters.js';
import type { ReaderParams } from '../../adapters/db/repositories/message-visibility.js';
import { settingsRepository } from '../../adapters/db/repositories/settings.js';
import { ThreadlineError } from '../../core/errors.js';
import type { StrengthWeights } from '../../core/insight/connection-strength.js';
import type { Encounter, ThreadMessage } from '../../core/insight/interactions.js';
import {
  strengthSettingKey,
  strengthWeightsOf,
  strengthWeightsProblem,
} from './strength-weights.js';

/** The most recent messages a score reads: older mail adds next to nothing once decayed. */
export const messagesPerScore = 5_000;

/** Stored messages as the scores read them: who wrote to whom, and when. */
export const toThreadMessages = (rows: readonly ConversationRow[]): ThreadMessage[] =>
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

/**
 * The meetings and people's opens of tracked mail that any of `addresses`
 * took part in and the reader may see, as the scores read them. A meeting
 * counts from its start and not before: until then it is an intention that
 * may yet be moved or cancelled, and crediting it in advance would let a
 * calendar full of invitations pass for a relationship.
 */
export async function encountersWith(
  db: Queryable,
  reader: ReaderParams,
  addresses: readonly string[],
  now: Date,
): Promise<Encounter[]> {
  if (addresses.length === 0) return [];
  const encounters = encountersRepository(db);
  const [meetings, opens] = await Promise.all([
    encounters.meetingsWith(reader, addresses, now, messagesPerScore),
    encounters.humanOpensOf(reader, addresses, now, messagesPerScore),
  ]);
  return [
    ...meetings.map((row) => ({
      kind: 'meeting' as const,
      at: new Date(row.at),
      people: row.people,
    })),
    ...opens.map((row) => ({
      kind: 'human_open' as const,
      at: new Date(row.at),
      people: row.people,
    })),
  ];
}

/** The organisation's weights; a stored override that is not valid is named, not ignored. */
export async function storedStrengthWeights(db: Queryable): Promise<StrengthWeights> {
  const stored = await settingsRepository(db).setting(strengthSettingKey);
  const problem = strengthWeightsProblem(stored ?? {});
  if (problem) {
    throw new ThreadlineError('VALIDATION_FAILED', `Setting ${strengthSettingKey}: ${problem}`);
  }
  return strengthWeightsOf(stored);
}

/**
 * The colleagues whose connections a roll-up combines: everyone, or the
 * members of one team (`teamId`), which must exist.
 */
export async function teamColleagues(
  db: Queryable,
  colleagues: readonly ColleagueRow[],
  teamId: string | null,
): Promise<ColleagueRow[]> {
  if (teamId === null) return [...colleagues];
  const members = await connectionsRepository(db).teamMembers(teamId);
  if (!members) throw new ThreadlineError('NOT_FOUND', `No team with id ${teamId}`);
  return colleagues.filter((colleague) => members.includes(colleague.id));
}
