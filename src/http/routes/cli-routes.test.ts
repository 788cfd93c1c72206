import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCredentials, openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { buildHttpApp, type HttpApp } from '../app.js';
import { cliRoutes } from './cli-routes.js';

const localSecret = 'tlc_local-secret-for-tests';

describe('the route that runs the local command line inside the server', () => {
  let core: App;
  let http: HttpApp;

  beforeAll(async () => {
    core = await openTestApp('embedded');
    http = await buildHttpApp(core, {
      webRoot: null,
      secureCookies: false,
      localCliToken: localSecret,
      logLevel: 'silent',
      plugins: [cliRoutes(core)],
    });
    await core.auth.createApiToken(adminCredentials.email, 'laptop');
  });
  afterAll(async () => {
    await http.close();
    await core.close();
  });

  const run = (command: string, options: Record<string, unknown>, token = localSecret) =>
    http.inject({
      method: 'POST',
      url: '/api/cli/run',
      headers: { authorization: `Bearer ${token}` },
      payload: { command, options },
    });

  it('streams the command’s output as JSON lines and ends with its exit code', async () => {
    const response = await run('token list', { email: adminCredentials.email });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/x-ndjson/);
    const frames = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(frames.at(-1)).toEqual({ exit: 0 });
    expect(frames.slice(0, -1).every((frame) => 'out' in frame || 'err' in frame)).toBe(true);
    expect(frames.filter((frame) => 'out' in frame).map((frame) => frame.out)).toEqual([
      expect.stringContaining('laptop'),
    ]);
  });

  it('names the option a command lacks', async () => {
    const response = await run('token list', {});
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: {
        code: 'VALIDATION_FAILED',
        message: expect.stringMatching(/^token list: --email: /),
      },
    });
  });

  it('names an unknown command', async () => {
    const response = await run('mailbox explode', {});
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      error: { code: 'NOT_FOUND', message: 'Unknown command mailbox explode' },
    });
  });

  it('is for the local operator only, not for an API token of an admin', async () => {
    const { token } = await core.auth.createApiToken(adminCredentials.email, 'script');
    const response = await run('token list', { email: adminCredentials.email }, token);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});
