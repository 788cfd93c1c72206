import { lookup } from 'node:dns/promises';
import { ThreadlineError } from '../../core/errors.js';

/** Every address a host name resolves to, as the system resolver orders them. */
export type ResolveHost = (host: string) => Promise<string[]>;

/**
 * Resolves with the system resolver (hosts file included), as a connection
 * by name would; an address literal resolves to itself. A name that does not
 * resolve is HOST_UNREACHABLE.
 */
export const resolveHost: ResolveHost = async (host) => {
  try {
    const found = await lookup(host, { all: true, order: 'verbatim' });
    return found.map((entry) => entry.address);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ThreadlineError(
      'HOST_UNREACHABLE',
      `${host} could not be found${typeof code === 'string' ? ` (${code})` : ''}. Check the server name.`,
      { cause: typeof code === 'string' ? code : null },
    );
  }
};
