import type { Database } from '../../adapters/db/database.js';
import {
  breakGlassGrantsRepository,
  type BreakGlassGrantRow,
} from '../../adapters/db/repositories/break-glass-grants.js';
import { usersRepository, type UserRow } from '../../adapters/db/repositories/users.js';
import type { Clock } from '../../adapters/system/clock.js';
import type { BreakGlassInput } from '../../api-shapes/break-glass.js';
import { ThreadlineError } from '../../core/errors.js';
import type { AuditLog } from './audit-log.js';

const minuteMs = 60_000;
/** The owner's list shows this many of the latest reads. */
const ownerListLimit = 200;

/**
 * Break-glass: private mail holds against admins too, except when an admin
 * asks, with a reason, to read one message of a user's or all their mail
 * for a while. The grant is audited and its owner sees it in their own
 * list of who read their private mail.
 */
export function createBreakGlassService(deps: {
  database: Database;
  clock: Clock;
  audit: AuditLog;
}) {
  const grants = breakGlassGrantsRepository(deps.database);
  const users = usersRepository(deps.database);

  return {
    /** FORBIDDEN unless `admin` is an admin; NOT_FOUND for an unknown user or a message not theirs. */
    async grant(admin: UserRow, input: Required<BreakGlassInput>): Promise<BreakGlassGrantRow> {
      if (admin.role !== 'admin')
        throw new ThreadlineError('FORBIDDEN', 'Only an admin may break the glass');
      if (input.ownerId === admin.id)
        throw new ThreadlineError(
          'VALIDATION_FAILED',
          'ownerId: your own mail needs no break-glass',
          [{ field: 'ownerId', message: 'your own mail needs no break-glass' }],
        );
      if (!(await users.findById(input.ownerId)))
        throw new ThreadlineError('NOT_FOUND', `No user with id ${input.ownerId}`);
      if (input.messageId !== null && !(await grants.ownerHolds(input.ownerId, input.messageId)))
        throw new ThreadlineError('NOT_FOUND', `No message ${input.messageId} in that user's mail`);
      const now = deps.clock.now();
      const grant = await grants.insert({
        adminId: admin.id,
        adminEmail: admin.email,
        ownerId: input.ownerId,
        messageId: input.messageId,
        reason: input.reason,
        grantedAt: now,
        expiresAt: new Date(now.getTime() + input.minutes * minuteMs),
      });
      await deps.audit.record(
        admin,
        'mail.break_glass',
        { type: 'user', id: input.ownerId },
        {
          grantId: grant.id,
          messageId: input.messageId,
          reason: input.reason,
          expiresAt: grant.expiresAt,
        },
      );
      return grant;
    },

    /** Who read the user's private mail through break-glass, newest first. */
    readsOfMyMail: (user: UserRow) => grants.listForOwner(user.id, ownerListLimit),
  };
}

export type BreakGlassService = ReturnType<typeof createBreakGlassService>;
