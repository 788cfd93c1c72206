import type { Database } from '../../adapters/db/database.js';
import { captureAddressesRepository } from '../../adapters/db/repositories/capture-addresses.js';
import type { SecretBox } from '../../adapters/crypto/secret-box.js';
import { hashToken, newCaptureSecret } from '../../adapters/crypto/tokens.js';
import { captureAddress, captureSecretOf } from '../../core/capture-address/address.js';

/** What a user sees of their capture address; null fields when the server receives no mail. */
export interface CaptureAddressView {
  readonly address: string | null;
  readonly domain: string | null;
}

/** Why a recipient is refused at RCPT time, in words the sender's server shows its user. */
export type RecipientCheck = { readonly userId: string } | { readonly refused: string };

/**
 * Each user's personal capture address: shown (made on first view),
 * rotated (the old one refused from then on), and checked for the SMTP
 * receiver. `domain` is null when no capture domain is configured.
 */
export function createCaptureAddressService(deps: {
  database: Database;
  secrets: SecretBox;
  domain: string | null;
}) {
  const store = captureAddressesRepository(deps.database);
  const view = (secret: string): CaptureAddressView => ({
    address: deps.domain ? captureAddress(secret, deps.domain) : null,
    domain: deps.domain,
  });
  return {
    domain: deps.domain,

    async addressOf(userId: string): Promise<CaptureAddressView> {
      let row = await store.ofUser(userId);
      if (!row) {
        const secret = newCaptureSecret();
        await store.saveIfMissing(userId, hashToken(secret), deps.secrets.seal(secret));
        row = (await store.ofUser(userId))!;
      }
      return view(deps.secrets.open(row.secretSealed));
    },

    async rotate(userId: string): Promise<CaptureAddressView> {
      const secret = newCaptureSecret();
      await store.save(userId, hashToken(secret), deps.secrets.seal(secret));
      return view(secret);
    },

    /** Whose capture address a recipient is, or why it is refused. */
    async recipient(address: string): Promise<RecipientCheck> {
      if (!deps.domain) return { refused: 'This server receives no mail' };
      const parsed = captureSecretOf(address, deps.domain);
      if ('problem' in parsed) {
        return {
          refused:
            parsed.problem === 'wrong_domain'
              ? `This server accepts mail only for capture addresses at ${deps.domain}`
              : `<${address}> is not a capture address (log+<secret>@${deps.domain})`,
        };
      }
      const userId = await store.userOfSecret(hashToken(parsed.secret));
      return userId
        ? { userId }
        : {
            refused: `<${address}> is unknown or was revoked: look up your current capture address in Threadline's settings`,
          };
    },
  };
}

export type CaptureAddressService = ReturnType<typeof createCaptureAddressService>;
