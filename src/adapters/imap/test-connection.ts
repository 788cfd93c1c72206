import { isThreadlineError } from '../../core/errors.js';
import { openImapSession, type ImapFolder } from './imap-client.js';
import type { ImapSettings } from './imap-settings.js';

export type ImapConnectionTest =
  | { readonly ok: true; readonly folders: ImapFolder[] }
  | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * Signs in and lists the folders, or says in plain words what failed (with
 * the code the UI explains). Never throws for a server's answer: only for
 * our own bugs.
 */
export async function testImapConnection(settings: ImapSettings): Promise<ImapConnectionTest> {
  try {
    const session = await openImapSession(settings);
    try {
      return { ok: true, folders: await session.listFolders() };
    } finally {
      await session.close();
    }
  } catch (error) {
    if (isThreadlineError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
