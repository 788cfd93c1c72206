import { z } from 'zod';
import { ThreadlineError } from '../../core/errors.js';
import type { Core } from '../../main.js';
import type { DataCommand } from '../command-context.js';

export const userAddOptions = z.object({
  email: z.string(),
  name: z.string().default(''),
  role: z.enum(['admin', 'manager', 'rep']),
  password: z.string().nullable(),
});

export const userAdd: DataCommand<z.infer<typeof userAddOptions>> = {
  async run({ core, out }, options) {
    const user = await core.auth.addUser(options);
    out(`User ${user.email} (${user.role}) saved${options.password ? ' with a password' : ''}.\n`);
    return 0;
  },
};

export const tokenCreateOptions = z.object({ email: z.string(), name: z.string() });

export const tokenCreate: DataCommand<z.infer<typeof tokenCreateOptions>> = {
  async run({ core, out, err }, options) {
    const { token } = await core.auth.createApiToken(options.email, options.name);
    err(`API token "${options.name}" for ${options.email}; it is shown only once:\n`);
    out(`${token}\n`);
    return 0;
  },
};

async function userIdOf(core: Core, email: string): Promise<string> {
  const user = await core.auth.findUserByEmail(email);
  if (!user) throw new ThreadlineError('NOT_FOUND', `No user with e-mail ${email}`);
  return user.id;
}

export const tokenListOptions = z.object({ email: z.string() });

/** One line per token: id, state, last use and name; never the secret. */
export const tokenList: DataCommand<z.infer<typeof tokenListOptions>> = {
  async run({ core, out }, options) {
    const tokens = await core.auth.listApiTokens(await userIdOf(core, options.email));
    for (const token of tokens) {
      const state = token.revokedAt ? `revoked ${token.revokedAt.toISOString()}` : 'active';
      const used = token.lastUsedAt ? `last used ${token.lastUsedAt.toISOString()}` : 'never used';
      out(`${token.id}\t${state}\t${used}\t${token.name}\n`);
    }
    return 0;
  },
};

export const tokenRevokeOptions = z.object({ email: z.string(), id: z.guid() });

export const tokenRevoke: DataCommand<z.infer<typeof tokenRevokeOptions>> = {
  async run({ core, err }, options) {
    await core.auth.revokeApiToken(options.id, await userIdOf(core, options.email));
    err(`API token ${options.id} of ${options.email} revoked.\n`);
    return 0;
  },
};
