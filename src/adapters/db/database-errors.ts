import { isThreadlineError, ThreadlineError } from '../../core/errors.js';

/** The SQLSTATE of `require_lease` (migration 011): a checkpoint found its lease in another worker's hands. */
export const leaseLostCode = 'TL001';

/**
 * SQLSTATEs of a connection the server ended or never gave: an administrator
 * or failover terminated the backend (57P01–57P03), or the connection broke
 * (class 08).
 */
const lostStates = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006']);
/** What Node says when the socket under a connection breaks or cannot open. */
const lostSockets = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE']);
/** What node-postgres says when a connection ends under a query, or is used after it did. */
const lostMessages = /^(Connection terminated|Client has encountered a connection error)/;

/**
 * Whether `error` says the database connection was lost, rather than the
 * statement refused: as the driver said it, or as `toDatabaseError` did.
 */
export function isLostConnection(error: unknown): boolean {
  if (isThreadlineError(error)) return error.code === 'DATABASE_UNAVAILABLE';
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (typeof code === 'string' && (lostStates.has(code) || lostSockets.has(code))) ||
    (typeof message === 'string' && lostMessages.test(message))
  );
}

/**
 * A lost connection as DATABASE_UNAVAILABLE, which callers may retry: the
 * statement it carried was rolled back, or (a COMMIT whose answer was lost)
 * stored whole. Any other error is returned as it is.
 *
 * @example
 * toDatabaseError(Object.assign(new Error('terminating connection'), { code: '57P01' }))
 * // ThreadlineError DATABASE_UNAVAILABLE, details { cause: '57P01' }
 */
export function toDatabaseError(error: unknown): unknown {
  if (isThreadlineError(error) || !isLostConnection(error)) return error;
  const { code } = error as { code?: unknown };
  return new ThreadlineError(
    'DATABASE_UNAVAILABLE',
    'The connection to the database was lost; try again in a moment',
    { cause: typeof code === 'string' ? code : 'connection terminated' },
  );
}

/**
 * An error of statements sent together (Database.atomically), as the
 * callers can act on it: a lost connection as `toDatabaseError` says it; the
 * lease check of a checkpoint that found the mailbox in another worker's
 * hands as LEASE_LOST; a value PostgreSQL refused (SQLSTATE class 22, data
 * exception: bad encoding, out of range, too long) or a limit of its own it
 * hit (54000, such as an index row too large) as VALUE_REFUSED, a fault of
 * some row's data rather than of the store. Anything else as it is.
 *
 * @example
 * toStatementsError(Object.assign(new Error('invalid byte sequence'), { code: '22021' }))
 * // ThreadlineError VALUE_REFUSED 'invalid byte sequence', details { cause: '22021' }
 */
export function toStatementsError(error: unknown): unknown {
  const translated = toDatabaseError(error);
  if (translated !== error || typeof error !== 'object' || error === null) return translated;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return error;
  const text = typeof message === 'string' ? message : undefined;
  if (code === leaseLostCode) return new ThreadlineError('LEASE_LOST', text, { cause: code });
  if (code.startsWith('22') || code === '54000') {
    return new ThreadlineError('VALUE_REFUSED', text, { cause: code });
  }
  return error;
}
