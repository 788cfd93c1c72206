/**
 * The one registry of error codes. Adapters translate library errors into
 * these; the HTTP edge alone maps them to status codes.
 */
export const errorCodes = {
  VALIDATION_FAILED: 'Input is not valid',
  NOT_FOUND: 'Not found',
  UNAUTHENTICATED: 'Sign-in required',
  FORBIDDEN: 'Not allowed',
  CONFLICT: 'Conflicts with existing data',
  RATE_LIMITED: 'Too many attempts',
  LINK_UNKNOWN: 'The link is unknown, or a newer one replaced it',
  LINK_EXPIRED: 'The link has expired; ask an admin for a new one',
  LINK_USED: 'The link was already used',
  LAST_ADMIN: 'The last active admin cannot lose the role or be deactivated',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  STORE_LOCKED: 'The data directory is in use by another process',
  DATABASE_UNAVAILABLE: 'The database cannot be reached for the moment',
  LEASE_LOST: 'Another worker took over the mailbox',
  NO_SYNC_WORKER:
    'No sync worker holds the mailbox: start one with `threadline worker`, or wait for one to take it',
  VALUE_REFUSED: 'The database refused a value',
  AUTH_FAILED: 'The server refused the user name or password',
  SIGN_IN_AGAIN: 'The provider no longer accepts this sign-in: sign in to it again',
  TLS_ERROR: 'The secure connection could not be established',
  HOST_UNREACHABLE: 'The server could not be reached',
  MAIL_HOST_NOT_ALLOWED: 'This server may not connect to that host or port',
  TIMEOUT: 'The server did not answer in time',
  THROTTLED: 'The provider is limiting this account: sync slows down and tries again',
  FOLDER_MISSING: 'The folder does not exist on the server',
  PROTOCOL_ERROR: 'The server answered in an unexpected way',
  MALFORMED_MESSAGE: 'The message could not be parsed',
  RECIPIENT_REFUSED: 'The mail server refused a recipient or the sender address',
  SEND_UNCERTAIN: 'Sending was interrupted: the message may or may not have gone out',
  SENDER_NOT_VERIFIED: 'The sender address is not verified yet: confirm the code sent to it',
  QUERY_TIMEOUT: 'The store did not answer in time; narrow the request or try again',
  REQUEST_CANCELLED: 'The client went away before the answer was ready',
  INTERNAL: 'Internal error',
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** An error with a stable code; `details` carries machine-readable specifics. */
export class ThreadlineError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? errorCodes[code]);
    this.name = 'ThreadlineError';
    this.code = code;
    this.details = details;
  }
}

/**
 * Also true of an error made by another copy of this module, such as the
 * compiled store the tests load beside the sources: its class is another
 * object, its name and code are the same.
 */
export function isThreadlineError(error: unknown): error is ThreadlineError {
  if (error instanceof ThreadlineError) return true;
  if (!(error instanceof Error) || error.name !== 'ThreadlineError') return false;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && Object.hasOwn(errorCodes, code);
}
