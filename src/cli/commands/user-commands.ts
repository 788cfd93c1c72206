import { z } from 'zod';
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
