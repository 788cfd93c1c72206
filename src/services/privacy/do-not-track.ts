import type { Database } from '../../adapters/db/database.js';
import { auditLogRepository } from '../../adapters/db/repositories/audit-log.js';
import { doNotTrackRepository } from '../../adapters/db/repositories/do-not-track.js';
import type { Clock } from '../../adapters/system/clock.js';
import { ThreadlineError } from '../../core/errors.js';
import { parsePersonAddress, personHash, type Actor } from './person.js';

/**
 * People who asked not to be tracked, for the whole organisation. The
 * directory reads them as organisation block-list entries, so from the next
 * decision on their mail is `blocked`. Mail already stored is left alone:
 * erasing it is a separate request.
 */
export function createDoNotTrackService(deps: {
  database: Database;
  clock: Clock;
  directory: { invalidate(): Promise<void> };
}) {
  const repository = doNotTrackRepository(deps.database);
  const audit = (actor: Actor, action: string, address: string) =>
    auditLogRepository(deps.database).append({
      actorId: actor.id,
      actorEmail: actor.email,
      action,
      targetType: 'person',
      targetId: personHash(address),
      details: {},
      at: deps.clock.now(),
    });

  return {
    list: () => repository.list(),

    /** Idempotent: adding an address twice keeps the first entry. */
    async add(actor: Actor, input: string): Promise<{ address: string; added: boolean }> {
      const address = parsePersonAddress(input);
      const added = await repository.add(address, actor.id, deps.clock.now());
      if (added) {
        await deps.directory.invalidate();
        await audit(actor, 'privacy.do-not-track.add', address);
      }
      return { address, added };
    },

    async remove(actor: Actor, input: string): Promise<void> {
      const address = parsePersonAddress(input);
      if (!(await repository.remove(address))) {
        throw new ThreadlineError('NOT_FOUND', 'This address is not on the do-not-track list');
      }
      await deps.directory.invalidate();
      await audit(actor, 'privacy.do-not-track.remove', address);
    },
  };
}

export type DoNotTrackService = ReturnType<typeof createDoNotTrackService>;
