import type { UserRow } from './auth-service.js';

/**
 * Whoever can read the data directory's lock file runs the local CLI: the
 * operator of this installation, with admin rights but no user row.
 */
export const localOperator: UserRow = {
  id: '00000000-0000-0000-0000-000000000000',
  email: 'local-operator',
  name: 'Local operator',
  role: 'admin',
  managerId: null,
  aliases: [],
  deactivatedAt: null,
};
