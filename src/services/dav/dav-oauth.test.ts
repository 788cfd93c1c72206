import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  startBearerDavProxy,
  type BearerDavProxy,
} from '../../../test/support/bearer-dav-proxy.js';
import { calendarEvent } from '../../../test/support/calendar-objects.js';
import { startOAuthServer, type OAuthServer } from '../../../test/support/oauth-server.js';
import { startRadicale, type RadicaleServer } from '../../../test/support/radicale.js';
import { adminCredentials, openTestApp } from '../../../test/support/test-app.js';
import { mailboxInput } from '../../api-shapes/mailboxes.js';
import type { App } from '../../app/open-app.js';

/**
 * A calendar signed in with the OAuth grant of one of its owner's
 * mailboxes. Radicale checks only passwords, so it sits behind a gate that
 * introspects every bearer token at the provider (oidc-provider) and lets
 * through only those the provider calls active.
 */
const account = adminCredentials.email;
let radicale: RadicaleServer;
let authority: OAuthServer;
let gate: BearerDavProxy;
let calendars = 0;

beforeAll(async () => {
  radicale = await startRadicale();
  await radicale.addUser('rita', 'rita-pass');
  authority = await startOAuthServer();
  gate = await startBearerDavProxy({
    target: radicale.url,
    introspectionEndpoint: authority.introspectionEndpoint,
    resourceServer: authority.resourceServer,
    accounts: { [account]: { user: 'rita', password: 'rita-pass' } },
  });
}, 30_000);
afterAll(async () => {
  await gate?.stop();
  await authority?.stop();
  await radicale?.close();
});

describe.each(testBackends())('DAV sign-in with a mailbox’s OAuth grant (%s)', (backend) => {
  let core: App;
  let owner: { id: string; isAdmin: boolean };

  beforeAll(async () => {
    core = await openTestApp(backend);
    const [admin] = await core.database.query<{ id: string }>('SELECT id FROM users LIMIT 1');
    owner = { id: admin!.id, isAdmin: false };
    await core.oauthClients.register({ id: owner.id, email: account }, 'oidc', {
      clientId: authority.client.id,
      clientSecret: authority.client.secret,
      issuer: authority.issuer,
      imap: { host: '127.0.0.1', port: 10993, security: 'tls' },
    });
  }, 30_000);
  afterAll(() => core?.close());

  /** A mailbox signed in at the provider whose stored access token has expired. */
  const signedInMailbox = async () => {
    const grant = await authority.grant(account);
    const settings = mailboxInput.omit({ auth: true }).parse({
      label: `${account} ${calendars}`,
      imap: { host: '127.0.0.1', port: 10993, security: 'tls', user: account },
    });
    return core.mailboxes.createSignedIn(owner.id, settings, {
      kind: 'oauth2-signed-in',
      provider: 'oidc',
      refreshToken: grant.refreshToken,
      accessToken: 'expired-access-token',
      expiresAt: Date.now() - 1000,
    });
  };
  const calendarWithEvent = async () => {
    calendars += 1;
    const url = await radicale.createCalendar('rita', `oauth-${backend}-${calendars}`);
    await radicale.put(
      'rita',
      'rita-pass',
      `${url}review.ics`,
      calendarEvent({ uid: `review-${calendars}@cal`, summary: 'Quarterly review' }),
    );
    return `${gate.url}${new URL(url).pathname.slice(1)}`;
  };

  it('renews the mailbox’s token and syncs with it as a bearer token the provider calls active', async () => {
    const mailbox = await signedInMailbox();
    const url = await calendarWithEvent();
    const refreshedBefore = authority.counts.refreshed;
    const seenBefore = gate.seen.length;

    const source = await core.dav.connect(owner.id, {
      kind: 'caldav',
      label: 'Work',
      url,
      mailboxId: mailbox.id,
    });
    expect(source).toMatchObject({ mailboxId: mailbox.id, username: mailbox.label });
    const result = await core.dav.sync(source.id, owner);

    expect(result).toMatchObject({ ok: true, fetched: 1, failed: 0 });
    expect(authority.counts.refreshed).toBe(refreshedBefore + 1);
    const presented = gate.seen.slice(seenBefore);
    expect(presented.length).toBeGreaterThan(1);
    expect(presented.every((token) => token.active)).toBe(true);
    expect(presented.map((token) => token.token)).not.toContain('expired-access-token');
    const [meeting] = await core.database.query<{ summary: string }>(
      'SELECT summary FROM meetings WHERE uid = $1',
      [`review-${calendars}@cal`],
    );
    expect(meeting?.summary).toBe('Quarterly review');
  });

  it('shows a grant revoked at the provider as a failing calendar, in words', async () => {
    const mailbox = await signedInMailbox();
    const source = await core.dav.connect(owner.id, {
      kind: 'caldav',
      label: 'Revoked',
      url: await calendarWithEvent(),
      mailboxId: mailbox.id,
    });
    await authority.revokeGrantOf(account);

    const result = await core.dav.sync(source.id, owner);

    expect(result.ok).toBe(false);
    const [health] = (await core.dav.list(owner)).filter((s) => s.id === source.id);
    expect(health).toMatchObject({ state: 'failing' });
    expect(health?.stateMessage).toBeTruthy();
    expect(gate.seen.at(-1)?.active).toBe(false);
  });

  it('refuses a mailbox that is not the owner’s, and a source with neither password nor mailbox', async () => {
    const url = await calendarWithEvent();
    await expect(
      core.dav.connect(owner.id, {
        kind: 'caldav',
        label: 'Theirs',
        url,
        mailboxId: '00000000-0000-4000-8000-000000000000',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      core.dav.connect(owner.id, { kind: 'caldav', label: 'Nothing', url, username: 'rita' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
