import { z } from 'zod';
import { ThreadlineError } from '../core/errors.js';
import { exportMessages } from '../services/export/export-messages.js';
import type { DataCommand } from './command-context.js';
import { writeJsonLines } from './json-lines.js';

export const exportMessagesOptions = z.object({ mailboxOwner: z.string().nullable() });

/** `threadline export messages --jsonl`: one JSON object per unique message (docs/export.md). */
export const exportMessagesCommand: DataCommand<z.infer<typeof exportMessagesOptions>> = {
  async run({ app, out, signal }, { mailboxOwner }) {
    let ownerId: string | null = null;
    if (mailboxOwner) {
      const owner = await app.auth.findUserByEmail(mailboxOwner);
      if (!owner) throw new ThreadlineError('NOT_FOUND', `No user with e-mail ${mailboxOwner}`);
      ownerId = owner.id;
    }
    await writeJsonLines(exportMessages(app.database, { ownerId, signal }), out);
    return 0;
  },
};
