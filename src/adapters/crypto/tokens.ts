import { createHash, randomBytes } from 'node:crypto';

/** A new random secret token with a readable prefix, e.g. `tl_…` for API tokens. */
export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Tokens are stored only as their SHA-256, so a database leak reveals none. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A capture address's secret: 128 random bits as 32 lower-case hexadecimal digits. */
export function newCaptureSecret(): string {
  return randomBytes(16).toString('hex');
}
