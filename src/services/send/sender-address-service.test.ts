import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  connectSendingMailbox,
  draft,
  folderHeaders,
  handClock,
  sender,
  startSendingServers,
} from '../../../test/support/sending-world.js';
import { adminCredentials, openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { createSenderAddressService } from './sender-address-service.js';

let servers: Awaited<ReturnType<typeof startSendingServers>>;
beforeAll(async () => {
  servers = await startSendingServers();
}, 60_000);
afterAll(() => servers?.stop());

describe.each(testBackends())(
  'sender addresses verified by a code on the %s backend',
  (backend) => {
    const shared = { user: `team-${backend}@acme.test`, password: 'team-secret-7' };
    const own = { user: adminCredentials.email, password: 'admin-mail-secret' };
    const clock = handClock(new Date('2026-03-02T09:00:00Z'));
    let core: App;
    let admin: UserRow;
    let mailboxId: string;
    const senders = () =>
      createSenderAddressService({
        database: core.database,
        mailboxes: core.mailboxes,
        clock,
        required: true,
        secretKey: Buffer.alloc(32, 7),
      });
    /** The newest code in the admin's own INBOX, as the user would read it. */
    const mailedCode = async () => {
      const inbox = await folderHeaders(servers.dovecot, own, 'INBOX');
      const subject = inbox.at(-1)?.subject ?? '';
      return /code: (\d{6})$/.exec(subject)?.[1] ?? `none in "${subject}"`;
    };

    beforeAll(async () => {
      await servers.dovecot.addUser(shared.user, shared.password);
      await servers.dovecot.addUser(own.user, own.password);
      core = await openTestApp(backend, { THREADLINE_VERIFY_SENDER_ADDRESSES: 'on' });
      admin = await sender(core);
      mailboxId = (await connectSendingMailbox(core, admin, servers, shared)).id;
    }, 60_000);
    afterAll(() => core?.close());

    const send = () =>
      core.send.send(admin, draft({ mailboxId, to: ['erin@customer.test'], subject: 'Hello' }));

    it('refuses to send from an address not proved yet, naming it and what to do', async () => {
      await expect(send()).rejects.toMatchObject({
        code: 'SENDER_NOT_VERIFIED',
        message: expect.stringMatching(/^admin@threadline\.test is not verified .*ask for a code/),
      });
      expect(await senders().status(admin)).toMatchObject({ verifiedAt: null, required: true });
    });

    it('mails a code through the user’s mailbox, refuses a wrong one and a quick resend, then sends', async () => {
      const pending = await senders().sendCode(admin, mailboxId);
      expect(pending.codeExpiresAt).toEqual(new Date('2026-03-02T09:30:00Z'));
      const code = await mailedCode();
      expect(code).toMatch(/^\d{6}$/);
      await expect(senders().sendCode(admin, mailboxId)).rejects.toMatchObject({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/ask for another in 60 s$/),
      });
      const wrong = code === '000000' ? '000001' : '000000';
      await expect(senders().confirm(admin, wrong)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        message: 'Wrong code: 4 attempts left',
      });
      const verified = await senders().confirm(admin, code);
      expect(verified.verifiedAt).toEqual(clock.now());
      await expect(send()).resolves.toMatchObject({ state: 'scheduled' });
      await expect(senders().confirm(admin, code)).rejects.toMatchObject({
        message: 'No code is waiting for admin@threadline.test: ask for one first',
      });
    });

    it('lets a code expire after 30 minutes and stop after 5 wrong tries', async () => {
      clock.advance(61_000);
      await senders().sendCode(admin, mailboxId);
      const code = await mailedCode();
      clock.advance(30 * 60_000);
      await expect(senders().confirm(admin, code)).rejects.toMatchObject({
        message: 'The code has expired: ask for a new one',
      });
      await senders().sendCode(admin, mailboxId);
      const fresh = await mailedCode();
      const wrong = fresh === '000000' ? '000001' : '000000';
      for (let tries = 0; tries < 5; tries += 1) {
        await expect(senders().confirm(admin, wrong)).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
        });
      }
      await expect(senders().confirm(admin, fresh)).rejects.toMatchObject({
        code: 'RATE_LIMITED',
        message: 'Too many wrong codes: ask for a new one',
      });
    });

    it('needs no code when the mailbox signs in as the sender address itself', async () => {
      const rita = await core.auth.addUser({
        email: `rita-${backend}@acme.test`,
        name: 'Rita',
        role: 'rep',
        password: null,
      });
      const ritaLogin = { user: rita.email, password: 'rita-mail-secret' };
      await servers.dovecot.addUser(ritaLogin.user, ritaLogin.password);
      const ritaMailbox = await connectSendingMailbox(core, rita, servers, ritaLogin);
      const ritaRow = (await core.auth.findUserByEmail(rita.email))!;
      await expect(
        core.send.send(ritaRow, draft({ mailboxId: ritaMailbox.id, to: ['erin@customer.test'] })),
      ).resolves.toMatchObject({ state: 'scheduled' });
      expect(await senders().status(ritaRow)).toMatchObject({ verifiedAt: null });
    });
  },
);
