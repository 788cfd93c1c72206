import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../test/support/backends.js';
import { adminCredentials, openTestApp } from '../../test/support/test-app.js';
import type { App } from '../app/open-app.js';
import type { CommandContext } from './command-context.js';
import {
  tokenList,
  tokenRevoke,
  userAdd,
  userAddOptions,
  userDeactivate,
  userInvite,
  userInviteOptions,
  userResetPassword,
} from './user-commands.js';

describe.each(testBackends())('threadline token on the %s backend', (backend) => {
  let app: App;
  let printed: string[];
  let context: CommandContext;

  beforeAll(async () => {
    app = await openTestApp(backend);
    printed = [];
    context = {
      app,
      out: (text) => printed.push(text),
      err: () => undefined,
      interactive: false,
      signal: new AbortController().signal,
    };
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists a user’s tokens without their secrets and revokes one by id', async () => {
    const kept = await app.auth.createApiToken(adminCredentials.email, 'backup job');
    const leaked = await app.auth.createApiToken(adminCredentials.email, 'leaked');
    await tokenRevoke.run(context, { email: adminCredentials.email, id: leaked.id });
    expect(await app.auth.userForApiToken(leaked.token)).toBeNull();
    expect(await app.auth.userForApiToken(kept.token)).not.toBeNull();

    expect(await tokenList.run(context, { email: adminCredentials.email })).toBe(0);
    const lines = printed.join('').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.find((line) => line.startsWith(kept.id))).toMatch(
      /\tactive\tlast used \S+\tbackup job$/,
    );
    expect(lines.find((line) => line.startsWith(leaked.id))).toMatch(
      /\trevoked \S+\tnever used\tleaked$/,
    );
    expect(printed.join('')).not.toContain(kept.token);
  });

  it('changes only what it is given: a password reset keeps the name and role', async () => {
    const email = 'mona@threadline.test';
    await userAdd.run(
      context,
      userAddOptions.parse({ email, name: 'Mona', role: 'manager', password: null }),
    );
    await userAdd.run(context, userAddOptions.parse({ email, password: 'a fresh violet evening' }));
    expect(await app.auth.findUserByEmail(email)).toMatchObject({ name: 'Mona', role: 'manager' });
    await userAdd.run(context, userAddOptions.parse({ email, role: 'rep', password: null }));
    expect(await app.auth.findUserByEmail(email)).toMatchObject({ name: 'Mona', role: 'rep' });
  });

  it('gives a new user without a name or role no name and the role rep', async () => {
    const email = 'nils@threadline.test';
    await userAdd.run(context, userAddOptions.parse({ email, password: null }));
    expect(await app.auth.findUserByEmail(email)).toMatchObject({ name: '', role: 'rep' });
  });

  it('names a user that does not exist', async () => {
    await expect(tokenList.run(context, { email: 'nobody@threadline.test' })).rejects.toMatchObject(
      {
        code: 'NOT_FOUND',
        message: 'No user with e-mail nobody@threadline.test',
      },
    );
  });

  it('invites a user under a manager and prints the link alone on standard output', async () => {
    printed = [];
    const notes: string[] = [];
    const code = await userInvite.run(
      { ...context, err: (text) => notes.push(text) },
      userInviteOptions.parse({
        email: 'olga@threadline.test',
        name: 'Olga',
        manager: adminCredentials.email,
      }),
    );
    expect(code).toBe(0);
    // No public URL configured: the path, to append to the server's address.
    expect(printed).toEqual([expect.stringMatching(/^\/set-password#token=tlp_[\w-]+\n$/)]);
    expect(notes.join('')).toContain('THREADLINE_PUBLIC_URL');
    const admin = await app.auth.findUserByEmail(adminCredentials.email);
    expect(await app.auth.findUserByEmail('olga@threadline.test')).toMatchObject({
      name: 'Olga',
      role: 'rep',
      managerId: admin!.id,
    });
    const token = printed[0]!.trim().split('#token=')[1]!;
    await app.userAdmin.setPasswordWithLink(token, 'a fresh violet evening');
    printed = [];
    await userResetPassword.run(context, { email: 'olga@threadline.test' });
    expect(printed).toEqual([expect.stringMatching(/^\/set-password#token=tlp_/)]);
  });

  it('deactivates a user by e-mail, and refuses an unknown manager or user', async () => {
    await userAdd.run(
      context,
      userAddOptions.parse({ email: 'pete@threadline.test', password: 'a fresh violet evening' }),
    );
    const { token } = await app.auth.createApiToken('pete@threadline.test', 'script');
    expect(await userDeactivate.run(context, { email: 'pete@threadline.test' })).toBe(0);
    expect(await app.auth.userForApiToken(token)).toBeNull();
    expect(await app.auth.findUserByEmail('pete@threadline.test')).toMatchObject({
      deactivatedAt: expect.any(Date),
    });
    await expect(
      userInvite.run(context, { email: 'quin@threadline.test', manager: 'nobody@threadline.test' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      userDeactivate.run(context, { email: 'nobody@threadline.test' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
