import { ImapFlow } from 'imapflow';

/** A signed-in client over plain IMAP on loopback, the way a test server's helper fills and reads it. */
export async function plainImapClient(port: number, user: string, pass: string): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port,
    secure: false,
    doSTARTTLS: false,
    auth: { user, pass },
    logger: false,
  });
  await client.connect();
  return client;
}
