import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from '../support/dovecot.js';
import { openTestDatabase, testBackends, type TestDatabase } from '../support/test-database.js';
import { loopbackMailServers } from '../support/loopback-mail-servers.js';

/**
 * The built server, run as an operator runs it with the most talkative log
 * level, taken through everything that handles a secret: a password sign-in,
 * a session cookie, an API token, IMAP credentials, and a synced message.
 * None of those secrets, nor the message's body, may reach its output.
 * Needs `npm run build` (dist/).
 */

const cli = resolve('bin/threadline.js');
const builtCli = resolve('dist/src/cli/threadline.js');
const unique = () => randomBytes(8).toString('hex');

const admin = { email: 'admin@threadline.test', password: `pw-${unique()}-long-enough` };
const imap = { user: 'owner', password: `imap-${unique()}` };
const bodyMarker = `body-marker-${unique()}`;
const wrongPassword = `wrong-${unique()}-password`;

let dovecot: DovecotServer;
beforeAll(async () => {
  if (!existsSync(builtCli)) {
    throw new Error(`${builtCli} is missing: run \`npm run build\` before this test`);
  }
  dovecot = await startDovecot();
  await dovecot.addUser(imap.user, imap.password);
  await dovecot.appendMessage(
    imap.user,
    'INBOX',
    [
      'From: Grace Hopper <grace.hopper@acme.com>',
      `To: ${admin.email}`,
      'Subject: Renewal',
      'Date: Mon, 03 Mar 2025 10:00:00 +0000',
      `Message-ID: <${unique()}@acme.com>`,
      '',
      `The figures you asked for: ${bodyMarker}`,
      '',
    ].join('\r\n'),
  );
}, 60_000);
afterAll(async () => {
  await dovecot?.stop();
});

/** Runs the CLI to completion, for seeding before the server owns the store. */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], { env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done(output) : fail(new Error(`threadline ${args.join(' ')}: ${output}`)),
    );
  });
}

describe.each(testBackends())('logs of the running server on the %s backend', (backend) => {
  let dataDir: string;
  let database: TestDatabase | null = null;
  let server: ChildProcess;
  let log = '';
  let url = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'threadline-logs-'));
    if (backend === 'server') database = await openTestDatabase('server');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      THREADLINE_DATA_DIR: dataDir,
      THREADLINE_LOG_LEVEL: 'debug',
      THREADLINE_ADMIN_EMAIL: admin.email,
      THREADLINE_ADMIN_PASSWORD: admin.password,
      HOST: '127.0.0.1',
      PORT: '0',
      ...loopbackMailServers,
      ...(database?.url ? { DATABASE_URL: database.url, THREADLINE_QUEUE: 'in-process' } : {}),
    };
    // Grace must be a contact, so the message is captured and its body stored and handled.
    await runCli(['crm', 'import', 'test/fixtures/crm/realistic'], env);
    server = spawn(process.execPath, [cli, 'start'], { env });
    const capture = (chunk: Buffer) => (log += chunk.toString());
    server.stdout?.on('data', capture);
    server.stderr?.on('data', capture);
    for (let i = 0; i < 300 && !url; i += 1) {
      url = /running at (http:\/\/\S+) /.exec(log)?.[1] ?? '';
      if (server.exitCode !== null) throw new Error(`the server stopped:\n${log}`);
      if (!url) await new Promise((r) => setTimeout(r, 100));
    }
    if (!url) throw new Error(`the server did not start:\n${log}`);
  }, 90_000);
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps passwords, tokens, cookies and message bodies out of a debug log', async () => {
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${url}${path}`, init);
      return { response, body: (await response.json()) as Record<string, unknown> };
    };
    const json = (payload: unknown, headers: Record<string, string> = {}) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(payload),
    });

    const refused = await call('/api/auth/sign-in', json({ ...admin, password: wrongPassword }));
    expect(refused.response.status).toBe(401);

    const signIn = await call('/api/auth/sign-in', json(admin));
    expect(signIn.response.status).toBe(200);
    const cookie = /tl_session=([^;]+)/.exec(signIn.response.headers.get('set-cookie') ?? '')?.[1];
    expect(cookie).toBeTruthy();
    const session = {
      cookie: `tl_session=${cookie}`,
      'x-csrf-token': String(signIn.body.csrfToken),
    };
    expect((await call('/api/auth/me', { headers: session })).response.status).toBe(200);

    const created = await call('/api/tokens', json({ name: 'log test' }, session));
    const token = String(created.body.token);
    expect(token.length).toBeGreaterThan(20);
    const bearer = { authorization: `Bearer ${token}` };

    const settings = {
      label: 'Work',
      imap: { host: dovecot.host, port: dovecot.port, security: 'none', user: imap.user },
      auth: { kind: 'password', password: imap.password },
    };
    const tested = await call('/api/mailboxes/test', json(settings, bearer));
    expect(tested.body).toMatchObject({ ok: true });
    const mailbox = await call('/api/mailboxes', json(settings, bearer));
    expect(mailbox.response.status).toBe(201);

    let status: { state?: string; folders?: { path: string; captured: number }[] } = {};
    for (
      let i = 0;
      i < 200 && status.folders?.find((f) => f.path === 'INBOX')?.captured !== 1;
      i++
    ) {
      await new Promise((r) => setTimeout(r, 150));
      status = (await call(`/api/mailboxes/${String(mailbox.body.id)}/status`, { headers: bearer }))
        .body;
    }
    expect(status.folders?.find((f) => f.path === 'INBOX')?.captured).toBe(1);

    // The capture worked: the very requests that carried the secrets were logged.
    for (const path of [
      '/api/auth/sign-in',
      '/api/tokens',
      '/api/mailboxes/test',
      '/api/mailboxes',
    ]) {
      expect(log).toContain(`"url":"${path}"`);
    }
    const secrets = {
      'user password': admin.password,
      'wrong password': wrongPassword,
      'API token': token,
      'session cookie': cookie!,
      'CSRF token': session['x-csrf-token'],
      'IMAP password': imap.password,
      'message body': bodyMarker,
    };
    const leaked = Object.entries(secrets)
      .filter(([, secret]) => log.includes(secret))
      .map(([name]) => name);
    expect(leaked).toEqual([]);
  });
});
