import type { UserRow } from '../../adapters/db/repositories/users.js';
import { ThreadlineError } from '../../core/errors.js';

/** Workflow rules and webhooks act for the whole organisation: admins and managers set them up. */
export function requireRuleManager(user: UserRow): void {
  if (user.role !== 'admin' && user.role !== 'manager') {
    throw new ThreadlineError(
      'FORBIDDEN',
      'Only admins and managers manage workflow rules and webhooks',
    );
  }
}
