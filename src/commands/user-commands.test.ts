import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../test/support/backends.js';
import { adminCredentials, openTestApp } from '../../test/support/test-app.js';
import type { App } from '../app/open-app.js';
import type { CommandContext } from './command-context.js';
import { tokenList, tokenRevoke, userAdd, userAddOptions } from './user-commands.js';

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
});
