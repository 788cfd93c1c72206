import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import type { ImapSettings } from './imap-settings.js';
import { testImapConnection } from './test-connection.js';

const password = 'correct-horse-battery-staple';

describe('testImapConnection against a real Dovecot', () => {
  let dovecot: DovecotServer;
  let settings: ImapSettings;

  beforeAll(async () => {
    dovecot = await startDovecot();
    await dovecot.addUser('sam', password);
    settings = {
      host: dovecot.host,
      port: dovecot.tlsPort,
      security: 'tls',
      user: 'sam',
      allowSelfSigned: true,
      auth: { kind: 'password', password },
      connectTimeoutMs: 3_000,
    };
  });
  afterAll(async () => {
    await dovecot?.stop();
  });

  it('answers ok with the folders to choose from', async () => {
    const result = await testImapConnection(settings);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.folders.map((f) => [f.path, f.defaultSelected])).toEqual(
      expect.arrayContaining([
        ['INBOX', true],
        ['Sent', true],
        ['Trash', false],
      ]),
    );
  });

  it('answers with a code and a plain-words message instead of throwing', async () => {
    const refused = await testImapConnection({
      ...settings,
      auth: { kind: 'password', password: `${password}-typo` },
    });
    expect(refused).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
    expect(JSON.stringify(refused)).not.toContain(password);

    const untrusted = await testImapConnection({ ...settings, allowSelfSigned: false });
    expect(untrusted).toMatchObject({ ok: false, code: 'TLS_ERROR' });

    const closed = await testImapConnection({ ...settings, port: await freePort() });
    expect(closed).toMatchObject({ ok: false, code: 'HOST_UNREACHABLE' });
  });
});
