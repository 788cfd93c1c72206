import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { adminCredentials, openTestApp } from '../../../test/support/test-app.js';
import { imapMailboxInput } from '../../../test/support/mail-fixtures.js';
import type { App } from '../../app/open-app.js';
import { claimMailbox } from './mailbox-claim.js';

describe.each(testBackends())('mailbox claims on the %s backend', (backend) => {
  let core: App;
  let mailboxId: string;

  beforeAll(async () => {
    core = await openTestApp(backend);
    const admin = await core.auth.findUserByEmail(adminCredentials.email);
    const input = imapMailboxInput({ host: '127.0.0.1', port: 10143, user: 'a', password: 'pw-1' });
    mailboxId = (await core.mailboxes.create(admin!.id, input)).id;
  });
  afterAll(async () => {
    await core?.close();
  });

  const heldBy = async (worker: string) => {
    await core.database.query(
      `UPDATE mailboxes SET lease_owner = $2, lease_expires_at = now() + interval '2 minutes'
       WHERE id = $1`,
      [mailboxId, worker],
    );
  };
  const owner = async () =>
    (
      await core.database.query<{ owner: string | null }>(
        'SELECT lease_owner AS owner FROM mailboxes WHERE id = $1',
        [mailboxId],
      )
    )[0]!.owner;
  const gone = (worker: string) => worker === 'crashed';

  it('takes over at once a claim whose holder is gone, rather than waiting for it to lapse', async () => {
    await heldBy('crashed');
    const lease = { worker: 'restarted', seconds: 60, holderGone: gone };
    expect(await claimMailbox(core.database, mailboxId, lease)).toBe(true);
    expect(await owner()).toBe('restarted');
  });

  it('leaves a claim whose holder runs, or may run, to that holder', async () => {
    await heldBy('running');
    expect(
      await claimMailbox(core.database, mailboxId, {
        worker: 'other',
        seconds: 60,
        holderGone: gone,
      }),
    ).toBe(false);
    expect(await claimMailbox(core.database, mailboxId, { worker: 'other', seconds: 60 })).toBe(
      false,
    );
    expect(await owner()).toBe('running');
  });

  it('renews a claim of the same worker, and takes a lapsed one', async () => {
    await heldBy('same');
    expect(await claimMailbox(core.database, mailboxId, { worker: 'same', seconds: 60 })).toBe(
      true,
    );
    await core.database.query(
      `UPDATE mailboxes SET lease_expires_at = now() - interval '1 second' WHERE id = $1`,
      [mailboxId],
    );
    expect(await claimMailbox(core.database, mailboxId, { worker: 'next', seconds: 60 })).toBe(
      true,
    );
    expect(await owner()).toBe('next');
  });
});
