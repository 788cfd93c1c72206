import { z } from 'zod';
import { ThreadlineError } from '../core/errors.js';
import type { App } from '../app/open-app.js';
import { localOperator } from '../services/auth/local-operator.js';
import type { PasswordLink } from '../services/auth/user-admin.js';
import type { CommandContext, DataCommand } from './command-context.js';

export const userAddOptions = z.object({
  email: z.string(),
  name: z.string().optional(),
  role: z.enum(['admin', 'manager', 'rep']).optional(),
  password: z.string().nullable(),
});

export const userAdd: DataCommand<z.infer<typeof userAddOptions>> = {
  async run({ app, out }, options) {
    const user = await app.auth.addUser(options);
    out(`User ${user.email} (${user.role}) saved${options.password ? ' with a password' : ''}.\n`);
    return 0;
  },
};

export const tokenCreateOptions = z.object({ email: z.string(), name: z.string() });

export const tokenCreate: DataCommand<z.infer<typeof tokenCreateOptions>> = {
  async run({ app, out, err }, options) {
    const { token } = await app.auth.createApiToken(options.email, options.name);
    err(`API token "${options.name}" for ${options.email}; it is shown only once:\n`);
    out(`${token}\n`);
    return 0;
  },
};

async function userIdOf(app: App, email: string): Promise<string> {
  const user = await app.auth.findUserByEmail(email);
  if (!user) throw new ThreadlineError('NOT_FOUND', `No user with e-mail ${email}`);
  return user.id;
}

export const tokenListOptions = z.object({ email: z.string() });

/** One line per token: id, state, last use and name; never the secret. */
export const tokenList: DataCommand<z.infer<typeof tokenListOptions>> = {
  async run({ app, out }, options) {
    const tokens = await app.auth.listApiTokens(await userIdOf(app, options.email));
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
  async run({ app, err }, options) {
    await app.auth.revokeApiToken(options.id, await userIdOf(app, options.email));
    err(`API token ${options.id} of ${options.email} revoked.\n`);
    return 0;
  },
};

/** The link on standard output, alone, so a script can take it; how to use it on standard error. */
function printLink({ app, out, err }: CommandContext, email: string, link: PasswordLink): void {
  err(
    `One-time link for ${email} to set a password, valid until ${link.expiresAt.toISOString()}` +
      (app.config.publicUrl
        ? ':\n'
        : ' (set THREADLINE_PUBLIC_URL for a whole link; append this to the server’s address):\n'),
  );
  out(`${link.link}\n`);
}

export const userInviteOptions = z.object({
  email: z.string(),
  name: z.string().optional(),
  role: z.enum(['admin', 'manager', 'rep']).optional(),
  manager: z.string().optional(),
});

/** Invites a user and prints the link to set their password, for a server that sends no mail. */
export const userInvite: DataCommand<z.infer<typeof userInviteOptions>> = {
  async run(context, { manager, ...options }) {
    const invited = await context.app.userAdmin.invite(localOperator, {
      ...options,
      ...(manager === undefined ? {} : { managerId: await userIdOf(context.app, manager) }),
    });
    printLink(context, invited.user.email, invited);
    return 0;
  },
};

export const userEmailOptions = z.object({ email: z.string() });

export const userDeactivate: DataCommand<z.infer<typeof userEmailOptions>> = {
  async run({ app, err }, options) {
    const user = await app.userAdmin.deactivate(localOperator, await userIdOf(app, options.email));
    err(
      `${user.email} deactivated: sessions ended, API tokens revoked, mailboxes paused; their mail stays.\n`,
    );
    return 0;
  },
};

export const userReactivate: DataCommand<z.infer<typeof userEmailOptions>> = {
  async run({ app, err }, options) {
    const user = await app.userAdmin.reactivate(localOperator, await userIdOf(app, options.email));
    err(
      `${user.email} reactivated; their mailboxes sync again, revoked API tokens stay revoked.\n`,
    );
    return 0;
  },
};

export const userResetPassword: DataCommand<z.infer<typeof userEmailOptions>> = {
  async run(context, options) {
    const id = await userIdOf(context.app, options.email);
    printLink(context, options.email, await context.app.userAdmin.resetPassword(localOperator, id));
    return 0;
  },
};
