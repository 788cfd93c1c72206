import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ThreadlineError } from '../../core/errors.js';

/** Encrypts small secrets (passwords, tokens) for storage: AES-256-GCM, authenticated. */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

const version = 'v1';

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes');
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        version,
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        body.toString('base64url'),
      ].join('.');
    },
    open(sealed) {
      const [tag, iv, authTag, body] = sealed.split('.');
      if (tag !== version || !iv || !authTag || body === undefined) {
        throw new ThreadlineError('INTERNAL', 'Stored secret has an unknown format');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(authTag, 'base64url'));
        return Buffer.concat([
          decipher.update(Buffer.from(body, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        // Never echo the ciphertext or the key; say what to check instead.
        throw new ThreadlineError(
          'INTERNAL',
          'A stored secret cannot be decrypted: THREADLINE_SECRET_KEY or the key file changed',
        );
      }
    },
  };
}

/**
 * The key from THREADLINE_SECRET_KEY (hex), else from `secret.key` in the data
 * directory, created on first use with owner-only permissions.
 */
export async function loadSecretKey(secretKeyHex: string | null, dataDir: string): Promise<Buffer> {
  if (secretKeyHex) return Buffer.from(secretKeyHex, 'hex');
  const path = join(dataDir, 'secret.key');
  try {
    const key = Buffer.from((await readFile(path, 'utf8')).trim(), 'hex');
    if (key.length === 32) return key;
    throw new ThreadlineError('INTERNAL', `${path} does not hold a 32-byte hex key`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    await writeFile(path, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use theirs, so both seal with one key.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadSecretKey(null, dataDir);
    throw error;
  }
  await chmod(path, 0o600);
  return key;
}
