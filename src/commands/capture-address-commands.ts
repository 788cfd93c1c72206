import { z } from 'zod';
import { ThreadlineError } from '../core/errors.js';
import type { DataCommand } from './command-context.js';

export const captureAddressOptions = z.object({ email: z.string(), rotate: z.boolean() });

/**
 * `threadline user capture-address`: prints a user's capture address alone
 * on standard output (made on first use), or a new one with `--rotate`,
 * after which the old one is refused.
 */
export const userCaptureAddress: DataCommand<z.infer<typeof captureAddressOptions>> = {
  async run({ app, out, err }, { email, rotate }) {
    const user = await app.auth.findUserByEmail(email);
    if (!user) throw new ThreadlineError('NOT_FOUND', `No user with e-mail ${email}`);
    const view = rotate
      ? await app.captureAddresses.rotate(user.id)
      : await app.captureAddresses.addressOf(user.id);
    if (!view.address) {
      err(
        'This server receives no mail: set THREADLINE_CAPTURE_DOMAIN to give users capture addresses.\n',
      );
      return 2;
    }
    if (rotate)
      err(`New capture address for ${user.email}; mail to the old one is refused from now on:\n`);
    else err(`Capture address of ${user.email}: BCC or forward mail to it to file it.\n`);
    out(`${view.address}\n`);
    return 0;
  },
};
