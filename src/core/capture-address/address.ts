/**
 * The personal capture address: `log+<secret>@<domain>`. The secret is what
 * identifies the user; the domain is the one the admin configured.
 */
export const captureLocalPrefix = 'log+';

/** 32 lower-case hexadecimal digits: 128 random bits. */
const secretPattern = /^[0-9a-f]{32}$/;

/** Whether a string has the form of a capture secret. */
export function isCaptureSecret(secret: string): boolean {
  return secretPattern.test(secret);
}

/**
 * The address a user forwards or BCCs mail to.
 *
 * @example captureAddress('0f…e1', 'Capture.Example.com') // 'log+0f…e1@capture.example.com'
 */
export function captureAddress(secret: string, domain: string): string {
  return `${captureLocalPrefix}${secret}@${domain.toLowerCase()}`;
}

/** Why a recipient is not a capture address, in words the sending server shows its user. */
export type RecipientProblem = 'wrong_domain' | 'not_capture_address';

/**
 * The secret a recipient address carries, or why it carries none. Senders
 * may change the case of an address, and secrets are lower-case, so the
 * comparison ignores case.
 *
 * @example captureSecretOf('LOG+0f…e1@capture.example.com', 'capture.example.com') // { secret: '0f…e1' }
 * @example captureSecretOf('sales@capture.example.com', 'capture.example.com') // { problem: 'not_capture_address' }
 */
export function captureSecretOf(
  recipient: string,
  domain: string,
): { secret: string } | { problem: RecipientProblem } {
  const address = recipient.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.slice(at + 1) !== domain.toLowerCase()) {
    return { problem: 'wrong_domain' };
  }
  const local = address.slice(0, at);
  if (!local.startsWith(captureLocalPrefix)) return { problem: 'not_capture_address' };
  const secret = local.slice(captureLocalPrefix.length);
  return isCaptureSecret(secret) ? { secret } : { problem: 'not_capture_address' };
}
