import type { AttachmentStore } from '../../adapters/attachments/attachment-store.js';
import type { Database } from '../../adapters/db/database.js';
import { auditLogRepository } from '../../adapters/db/repositories/audit-log.js';
import { doNotTrackRepository } from '../../adapters/db/repositories/do-not-track.js';
import { erasureRepository } from '../../adapters/db/repositories/erasure.js';
import { mailCleanupRepository } from '../../adapters/db/repositories/mail-cleanup.js';
import type { Clock } from '../../adapters/system/clock.js';
import { untrackedDecision, untrackedThreadId } from '../../core/capture/do-not-track.js';
import { ThreadlineError } from '../../core/errors.js';
import { findPerson, parsePersonAddress, personHash, type Actor } from './person.js';
import { tidyThreads } from './stored-mail.js';

export interface DoNotTrackOutcome {
  /** The address asked about, normalised. */
  address: string;
  /** Every address of the person now on the list (see `findPerson`). */
  addresses: string[];
  /** false when all of them were on the list already. */
  added: boolean;
  /** Stored messages of theirs reduced to what capture keeps of untracked mail. */
  messagesUntracked: number;
}

/**
 * People who asked not to be tracked, for the whole organisation. Asking for
 * an address puts every address of the person on the list. From the next
 * batch on, capture keeps nothing of mail they take part in but its key
 * (core/capture/do-not-track.ts); what was stored before is reduced to the
 * same at once, so their mail shows nowhere, and a file of theirs no other
 * message refers to leaves the attachment store. Quarantined raw mail
 * mentioning them is deleted. Removing an address captures it again from then on.
 */
export function createDoNotTrackService(deps: {
  database: Database;
  attachments: AttachmentStore;
  clock: Clock;
  directory: { invalidate(): Promise<void> };
}) {
  const { database, clock } = deps;
  const repository = doNotTrackRepository(database);

  return {
    list: () => repository.list(),

    /** Idempotent: adding an address twice keeps the first entry. */
    async add(actor: Actor, input: string): Promise<DoNotTrackOutcome> {
      const address = parsePersonAddress(input);
      const person = await findPerson(database, { address });
      const { outcome, removedBlobs } = await database.transaction(async (tx) => {
        const added = await doNotTrackRepository(tx).add(person.addresses, actor.id, clock.now());
        const untracked = await doNotTrackRepository(tx).untrackMessagesWith(person.addresses, {
          ...untrackedDecision,
          threadId: untrackedThreadId,
        });
        const quarantineDeleted = await erasureRepository(tx).deleteQuarantinedWith(
          person.addresses,
        );
        await tidyThreads(tx, untracked.threads);
        const removedBlobs = await mailCleanupRepository(tx).deleteUnreferencedBlobs(
          untracked.hashes,
        );
        const outcome: DoNotTrackOutcome = {
          address,
          addresses: person.addresses,
          added: added.length > 0,
          messagesUntracked: untracked.messages,
        };
        if (added.length > 0 || untracked.messages > 0) {
          await auditLogRepository(tx).append({
            actorId: actor.id,
            actorEmail: actor.email,
            action: 'privacy.do-not-track.add',
            targetType: 'person',
            targetId: person.reference,
            details: {
              addresses: added.length,
              messagesUntracked: untracked.messages,
              quarantineDeleted,
            },
            at: clock.now(),
          });
        }
        return { outcome, removedBlobs };
      });
      // Files go after the commit, as an erasure's do.
      for (const hash of removedBlobs) await deps.attachments.remove(hash);
      await deps.directory.invalidate();
      return outcome;
    },

    async remove(actor: Actor, input: string): Promise<void> {
      const address = parsePersonAddress(input);
      if (!(await repository.remove(address))) {
        throw new ThreadlineError('NOT_FOUND', 'This address is not on the do-not-track list');
      }
      await deps.directory.invalidate();
      await auditLogRepository(database).append({
        actorId: actor.id,
        actorEmail: actor.email,
        action: 'privacy.do-not-track.remove',
        targetType: 'person',
        targetId: personHash(address),
        details: {},
        at: clock.now(),
      });
    },
  };
}

export type DoNotTrackService = ReturnType<typeof createDoNotTrackService>;
