import { testImapConnection } from '../../adapters/imap/test-connection.js';
import { refreshAccessToken } from '../../adapters/oauth/refresh-access-token.js';
import { isThreadlineError } from '../../core/errors.js';
import type { MailboxInput } from './mailbox-service.js';
import type { MailServerAccess } from './mail-server-access.js';

export type ConnectionTestResult =
  | { ok: true; folders: { path: string; specialUse: string | null; defaultSelected: boolean }[] }
  | { ok: false; code: string; message: string };

/**
 * "Test connection": signs in with the given settings and lists the folders
 * (the folder picker's choices), or says precisely what failed. Chosen
 * folders that the server does not have are FOLDER_MISSING. A host or
 * port the policy refuses, or an unknown OAuth2 provider, is thrown before
 * any connection is made.
 */
export async function testMailboxConnection(
  input: MailboxInput,
  access: MailServerAccess,
  now: () => number,
): Promise<ConnectionTestResult> {
  const vetted = await access.vet(input.imap.host, input.imap.port);
  const oauth = input.auth.kind === 'oauth2' ? access.oauthClient(input.auth) : null;
  try {
    const auth =
      input.auth.kind === 'password'
        ? { kind: 'password' as const, password: input.auth.password }
        : {
            kind: 'oauth2' as const,
            accessToken: (await refreshAccessToken(oauth!, now)).accessToken,
          };
    const tested = await testImapConnection({
      ...input.imap,
      address: vetted.address,
      auth,
      connectTimeoutMs: 15_000,
    });
    if (!tested.ok) return tested;
    const missing = (input.folders ?? []).filter(
      (path) => !tested.folders.some((folder) => folder.path === path),
    );
    if (missing.length > 0) {
      return {
        ok: false,
        code: 'FOLDER_MISSING',
        message: `The server has no folder ${missing.map((m) => `"${m}"`).join(', ')}: choose the folders again.`,
      };
    }
    return tested;
  } catch (error) {
    if (isThreadlineError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
