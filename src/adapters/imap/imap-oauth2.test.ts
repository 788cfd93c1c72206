import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import { startOAuthServer, type OAuthServer } from '../../../test/support/oauth-server.js';
import { openImapSession } from './imap-client.js';
import type { ImapSettings } from './imap-settings.js';

let authority: OAuthServer;
const servers: Record<'xoauth2' | 'oauthbearer', DovecotServer | null> = {
  xoauth2: null,
  oauthbearer: null,
};

const settingsFor = (server: DovecotServer, user: string, accessToken: string): ImapSettings => ({
  host: server.host,
  port: server.port,
  security: 'none',
  user,
  allowSelfSigned: true,
  auth: { kind: 'oauth2', accessToken },
});

/** The mechanism a session signed in with, and what it sees in INBOX. */
async function signIn(server: DovecotServer, user: string, accessToken: string) {
  const session = await openImapSession(settingsFor(server, user, accessToken));
  try {
    const folders = await session.listFolders();
    return { folders: folders.map((f) => f.path) };
  } finally {
    await session.close();
  }
}

/** The SASL mechanisms a server's greeting offers: a sign-in that works used one of these. */
async function offeredMechanisms(server: DovecotServer): Promise<string[]> {
  const greeting = await new Promise<string>((resolve, reject) => {
    const socket = connect(server.port, server.host);
    socket.once('data', (data) => {
      socket.destroy();
      resolve(String(data));
    });
    socket.once('error', reject);
  });
  return [...greeting.matchAll(/AUTH=([A-Z0-9-]+)/g)].map((match) => match[1]!);
}

beforeAll(async () => {
  authority = await startOAuthServer();
  for (const mechanism of ['xoauth2', 'oauthbearer'] as const) {
    servers[mechanism] = await startDovecot({
      oauth2: {
        introspectionUrl: authority.introspectionEndpoint,
        clientId: authority.resourceServer.id,
        clientSecret: authority.resourceServer.secret,
        mechanisms: [mechanism],
      },
    });
  }
}, 60_000);

afterAll(async () => {
  for (const server of Object.values(servers)) await server?.stop();
  await authority?.stop();
});

describe.each(['xoauth2', 'oauthbearer'] as const)(
  'an IMAP server checking bearer tokens by introspection (%s)',
  (mechanism) => {
    const server = () => servers[mechanism]!;

    it(`signs in with a token the provider issued, over ${mechanism.toUpperCase()}`, async () => {
      const { accessToken } = await authority.grant(`ada-${mechanism}@example.test`);
      expect(await offeredMechanisms(server())).toEqual([
        'PLAIN',
        'LOGIN',
        mechanism.toUpperCase(),
      ]);
      const session = await signIn(server(), `ada-${mechanism}@example.test`, accessToken);
      expect(session.folders).toContain('INBOX');
    });

    it('refuses a token the user revoked at the provider, as AUTH_FAILED', async () => {
      const user = `sam-${mechanism}@example.test`;
      const { accessToken } = await authority.grant(user);
      await signIn(server(), user, accessToken);
      await authority.revokeGrantOf(user);
      await expect(signIn(server(), user, accessToken)).rejects.toMatchObject({
        code: 'AUTH_FAILED',
      });
    });

    it('refuses a valid token presented for another user', async () => {
      const { accessToken } = await authority.grant(`kim-${mechanism}@example.test`);
      await expect(
        signIn(server(), `lee-${mechanism}@example.test`, accessToken),
      ).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    });

    it('refuses a made-up token', async () => {
      await expect(
        signIn(server(), `ada-${mechanism}@example.test`, 'not-a-token-the-provider-issued'),
      ).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    });
  },
);
