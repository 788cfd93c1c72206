import type { Database } from '../../adapters/db/database.js';
import { signInAttemptsRepository } from '../../adapters/db/repositories/sign-in-attempts.js';

export interface SignInLimits {
  readonly windowMs: number;
  /** Attempts on one account, from any client: guessing one user's password. */
  readonly perAccount: number;
  /** Attempts from one client, on any accounts: one password sprayed across users. */
  readonly perClient: number;
}

/** What a reserved attempt reports once its password has been checked. */
export interface SignInAttempt {
  succeeded(): Promise<void>;
}

/**
 * Slows password guessing without locking a user out for long: an attempt is
 * reserved before its password is checked and stays counted as a failure
 * unless it succeeds, so parallel attempts check at most the allowed number
 * of passwords.
 */
export function createSignInLimiter(database: Database, limits: SignInLimits) {
  const attempts = signInAttemptsRepository(database);
  return {
    /** The attempt, or null when the account or the client has used up its attempts. */
    async reserve(account: string, clientIp: string, now: Date): Promise<SignInAttempt | null> {
      const key = { account, client: clientOf(clientIp) };
      const id = await attempts.reserve(
        { ...key, at: now },
        {
          since: new Date(now.getTime() - limits.windowMs),
          perAccount: limits.perAccount,
          perClient: limits.perClient,
        },
      );
      if (id === null) return null;
      return { succeeded: () => attempts.succeeded(id, key) };
    },
  };
}

/**
 * The client an address stands for: an IPv4 address itself, an IPv6
 * address's /64 network, which one subscriber usually holds whole and could
 * otherwise change address within at every attempt.
 */
export function clientOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.toLowerCase().split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const full =
    tail === undefined
      ? groups(head)
      : [...groups(head), ...Array<string>(Math.max(missing, 0)).fill('0'), ...groups(tail)];
  return `${full
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
