import { afterEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../test/support/backends.js';
import { adminCredentials, openTestApp } from '../../test/support/test-app.js';
import type { App } from '../app/open-app.js';
import { isThreadlineError } from '../core/errors.js';
import type { CommandContext } from './command-context.js';
import { userCaptureAddress } from './capture-address-commands.js';

describe.each(testBackends())('threadline user capture-address on the %s backend', (backend) => {
  let app: App;
  let out: string[];
  let err: string[];
  afterEach(async () => {
    await app?.close();
  });

  const open = async (env: Record<string, string>): Promise<CommandContext> => {
    app = await openTestApp(backend, env);
    out = [];
    err = [];
    return {
      app,
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      interactive: false,
      signal: new AbortController().signal,
    };
  };

  it('prints the same address until --rotate prints a new one', async () => {
    const context = await open({ THREADLINE_CAPTURE_DOMAIN: 'capture.example.com' });
    const email = adminCredentials.email;
    expect(await userCaptureAddress.run(context, { email, rotate: false })).toBe(0);
    expect(await userCaptureAddress.run(context, { email, rotate: false })).toBe(0);
    expect(await userCaptureAddress.run(context, { email, rotate: true })).toBe(0);
    const [first, again, rotated] = out.map((line) => line.trim());
    expect(first).toMatch(/^log\+[0-9a-f]{32}@capture\.example\.com$/);
    expect(again).toBe(first);
    expect(rotated).not.toBe(first);
    expect(err.at(-1)).toMatch(/old one is refused/);
  });

  it('exits 2 saying why when no capture domain is configured', async () => {
    const context = await open({});
    expect(
      await userCaptureAddress.run(context, { email: adminCredentials.email, rotate: false }),
    ).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toMatch(/THREADLINE_CAPTURE_DOMAIN/);
  });

  it('names an unknown user', async () => {
    const context = await open({ THREADLINE_CAPTURE_DOMAIN: 'capture.example.com' });
    const failure = await userCaptureAddress
      .run(context, { email: 'nobody@example.com', rotate: false })
      .catch((error: unknown) => error);
    expect(isThreadlineError(failure) && failure.code).toBe('NOT_FOUND');
  });
});
