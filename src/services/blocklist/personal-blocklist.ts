import type { Database } from '../../adapters/db/database.js';
import { personalBlocklistRepository } from '../../adapters/db/repositories/blocklist.js';
import { normalizeAddress, normalizeDomain } from '../../core/addresses/normalize.js';
import { ThreadlineError } from '../../core/errors.js';

/** "Ann@Acme.com" stays an address; "@acme.com", "*.acme.com" and "acme.com" mean the domain. */
export function parseBlockPattern(input: string): string {
  const raw = input.trim();
  const pattern =
    raw.includes('@') && !raw.startsWith('@')
      ? normalizeAddress(raw)
      : normalizeDomain(raw.replace(/^[@*.]+/, ''));
  if (!pattern) {
    throw new ThreadlineError(
      'VALIDATION_FAILED',
      `pattern: not an e-mail address or a domain: "${raw}"`,
    );
  }
  return pattern;
}

/**
 * Each user's own block list: mail to or from these addresses and
 * domains is `blocked` in their mailboxes from the next decision on, and
 * in nobody else's. Stored mail is left as it is.
 */
export function createPersonalBlocklistService(deps: {
  database: Database;
  directory: { invalidate(): Promise<void> };
}) {
  const repository = personalBlocklistRepository(deps.database);
  return {
    list: (ownerId: string) => repository.list(ownerId),

    async add(ownerId: string, input: string): Promise<{ pattern: string; added: boolean }> {
      const pattern = parseBlockPattern(input);
      const added = await repository.add(ownerId, pattern);
      if (added) await deps.directory.invalidate();
      return { pattern, added };
    },

    async remove(ownerId: string, input: string): Promise<void> {
      const pattern = parseBlockPattern(input);
      if (!(await repository.remove(ownerId, pattern))) {
        throw new ThreadlineError('NOT_FOUND', `${pattern} is not on your block list`);
      }
      await deps.directory.invalidate();
    },
  };
}

export type PersonalBlocklistService = ReturnType<typeof createPersonalBlocklistService>;
