import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCredentials, openTestApp } from '../../test/support/test-app.js';
import { testBackends } from '../../test/support/backends.js';
import { imapMailboxInput } from '../../test/support/mail-fixtures.js';
import type { App } from '../app/open-app.js';
import { startServer } from './start-server.js';

describe.each(testBackends())('threadline start on the %s backend', (backend) => {
  let core: App;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  /** An IMAP server that accepts connections and never greets: a pass holds its lease meanwhile. */
  const silent = createServer((socket) => sockets.add(socket));
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    core = await openTestApp(backend, { PORT: '0', THREADLINE_SYNC_LEASE_SECONDS: '7' });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    silent.close();
    await server?.close();
  });

  it('claims mailboxes for THREADLINE_SYNC_LEASE_SECONDS', async () => {
    const admin = await core.auth.findUserByEmail(adminCredentials.email);
    const port = (silent.address() as { port: number }).port;
    const mailbox = await core.mailboxes.create(
      admin!.id,
      imapMailboxInput({ host: '127.0.0.1', port, user: 'rita', password: 'pw-silent-1' }),
    );
    server = await startServer(core, { webRoot: null });
    let lease: { owner: string | null; seconds: number | null } | undefined;
    const deadline = Date.now() + 10_000;
    while (!lease?.owner && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      [lease] = await core.database.query<{ owner: string | null; seconds: number | null }>(
        `SELECT lease_owner AS owner,
           extract(epoch FROM lease_expires_at - now())::float8 AS seconds
         FROM mailboxes WHERE id = $1`,
        [mailbox.id],
      );
    }
    expect(lease?.owner).toEqual(expect.any(String));
    expect(lease!.seconds).toBeGreaterThan(0);
    expect(lease!.seconds).toBeLessThanOrEqual(7);
  });
});
