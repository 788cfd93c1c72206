import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadSecretKey } from './secret-box.js';

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips a secret and never stores it in clear', () => {
    const sealed = box.seal('app-password-123');
    expect(sealed).not.toContain('app-password-123');
    expect(box.open(sealed)).toBe('app-password-123');
  });

  it('uses a fresh nonce each time', () => {
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses tampered ciphertext', () => {
    const [v, iv, tag, body] = box.seal('secret').split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([v, iv, tag, flipped.toString('base64url')].join('.'))).toThrow(
      /cannot be decrypted/,
    );
  });

  it('refuses a secret sealed with another key', () => {
    const other = createSecretBox(randomBytes(32));
    expect(() => other.open(box.seal('secret'))).toThrow(/cannot be decrypted/);
  });
});

describe('loadSecretKey', () => {
  it('creates a key file readable by its owner only, and reuses it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tl-key-'));
    const first = await loadSecretKey(null, dir);
    expect(first).toHaveLength(32);
    expect((await stat(join(dir, 'secret.key'))).mode & 0o777).toBe(0o600);
    expect(await loadSecretKey(null, dir)).toEqual(first);
    expect((await readFile(join(dir, 'secret.key'), 'utf8')).trim()).toBe(first.toString('hex'));
  });

  it('prefers THREADLINE_SECRET_KEY', async () => {
    const hex = 'ab'.repeat(32);
    expect((await loadSecretKey(hex, '/nonexistent')).toString('hex')).toBe(hex);
  });
});
