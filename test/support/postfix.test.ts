import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from './dovecot.js';
import { startPostfix, type PostfixServer } from './postfix.js';

describe('the private Postfix of a test', () => {
  let dovecot: DovecotServer;
  let postfix: PostfixServer;

  beforeAll(async () => {
    dovecot = await startDovecot({ delivery: true });
    postfix = await startPostfix(dovecot);
    await dovecot.addUser('rep@acme.test', 'rep-secret');
    await dovecot.addUser('dana@customer.test', 'dana-secret');
  }, 60_000);
  afterAll(async () => {
    await postfix?.stop();
    await dovecot?.stop();
  });

  const transport = (user: string, pass: string) =>
    nodemailer.createTransport({
      host: postfix.host,
      port: postfix.port,
      secure: false,
      auth: { user, pass },
      tls: { rejectUnauthorized: false },
    });

  it('delivers a message submitted after login into the recipient’s Dovecot INBOX', async () => {
    await transport('rep@acme.test', 'rep-secret').sendMail({
      from: 'rep@acme.test',
      to: 'dana@customer.test',
      subject: 'Through Postfix',
      text: 'Hello Dana',
    });
    await postfix.drain();
    const imap = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: 'dana@customer.test', pass: 'dana-secret' },
      logger: false,
    });
    await imap.connect();
    try {
      const lock = await imap.getMailboxLock('INBOX');
      try {
        const subjects: string[] = [];
        for await (const message of imap.fetch('1:*', { envelope: true })) {
          subjects.push(message.envelope?.subject ?? '');
        }
        expect(subjects).toEqual(['Through Postfix']);
      } finally {
        lock.release();
      }
    } finally {
      await imap.logout();
    }
  });

  it('refuses a wrong password at login', async () => {
    await expect(transport('rep@acme.test', 'wrong').verify()).rejects.toMatchObject({
      code: 'EAUTH',
    });
  });

  it('refuses to relay for a client that did not log in', async () => {
    const anonymous = nodemailer.createTransport({
      host: postfix.host,
      port: postfix.port,
      secure: false,
      tls: { rejectUnauthorized: false },
    });
    await expect(
      anonymous.sendMail({ from: 'x@elsewhere.test', to: 'dana@customer.test', text: 'spam' }),
    ).rejects.toMatchObject({ responseCode: 554 });
  });
});
