import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { freePort, startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
import { startPostfix, type PostfixServer } from '../../../test/support/postfix.js';
import {
  connectSendingMailbox,
  draft,
  folderHeaders,
  handClock,
  sender,
  sendingParts,
  syncOnce,
} from '../../../test/support/sending-world.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';

let dovecot: DovecotServer;
let postfix: PostfixServer;
beforeAll(async () => {
  dovecot = await startDovecot({ delivery: true });
  postfix = await startPostfix(dovecot);
}, 60_000);
afterAll(async () => {
  await postfix?.stop();
  await dovecot?.stop();
});

describe.each(testBackends())('sending from Threadline on the %s backend', (backend) => {
  const rep = { user: `rep-${backend}@acme.test`, password: 'rep-secret-1' };
  const customer = { user: `dana-${backend}@customer.test`, password: 'dana-secret-1' };
  const clock = handClock();
  let core: App;
  let user: UserRow;
  let mailboxId: string;

  beforeAll(async () => {
    await dovecot.addUser(rep.user, rep.password);
    await dovecot.addUser(customer.user, customer.password);
    core = await openTestApp(backend);
    user = await sender(core);
    mailboxId = (await connectSendingMailbox(core, user, { dovecot, postfix }, rep)).id;
  }, 60_000);
  afterAll(async () => {
    await core?.close();
  });

  it('delivers through Postfix to the recipient’s mailbox and files one Sent copy, captured once', async () => {
    const { send, worker } = sendingParts(core, clock);
    const queued = await send.send(
      user,
      draft({ mailboxId, to: [`Dana <${customer.user}>`], subject: 'Our proposal' }),
    );
    expect(queued.state).toBe('scheduled');
    expect(await worker.sendDue()).toEqual([{ id: queued.id, sent: true, sentCopy: 'appended' }]);
    await postfix.drain();

    const delivered = await folderHeaders(dovecot, customer, 'INBOX');
    expect(delivered.map((m) => [m.subject, m.messageId])).toEqual([
      ['Our proposal', queued.messageId],
    ]);
    const sentCopies = await folderHeaders(dovecot, rep, 'Sent');
    expect(sentCopies.map((m) => m.messageId)).toEqual([queued.messageId]);

    await syncOnce(core, mailboxId);
    await syncOnce(core, mailboxId);
    const stored = await core.database.query('SELECT id FROM messages WHERE message_id = $1', [
      queued.messageId,
    ]);
    expect(stored).toHaveLength(1);
    const [row] = await send.list(user);
    expect(row).toMatchObject({ state: 'sent', sentCopy: 'appended' });
    expect(row!.smtpResponse).toMatch(/^250 /);
  });

  it('replies in the same thread, with In-Reply-To and References naming the original', async () => {
    await dovecot.appendMessage(
      rep.user,
      'INBOX',
      [
        `From: Dana <${customer.user}>`,
        `To: ${rep.user}`,
        'Subject: Question about pricing',
        `Message-ID: <question-${backend}@customer.test>`,
        `Date: ${new Date().toUTCString()}`,
        '',
        'Can you do 10%?',
        '',
      ].join('\r\n'),
    );
    await syncOnce(core, mailboxId);
    const [original] = await core.database.query<{ id: string; threadId: string }>(
      'SELECT id, thread_id AS "threadId" FROM messages WHERE message_id = $1',
      [`<question-${backend}@customer.test>`],
    );
    const { send, worker } = sendingParts(core, clock);
    const reply = await send.send(
      user,
      draft({
        mailboxId,
        subject: '',
        text: 'Yes, 10% it is.',
        answer: { messageId: original!.id, mode: 'reply' },
      }),
    );
    expect(reply.message.to.map((a) => a.address)).toEqual([customer.user]);
    await worker.sendDue();
    await postfix.drain();

    const received = (await folderHeaders(dovecot, customer, 'INBOX')).find(
      (m) => m.messageId === reply.messageId,
    );
    expect(received?.subject).toBe('Re: Question about pricing');
    expect(received?.inReplyTo).toBe(`<question-${backend}@customer.test>`);
    expect(received?.source).toMatch(/^References: <question-[a-z]+@customer\.test>/m);

    await syncOnce(core, mailboxId);
    const [captured] = await core.database.query<{ threadId: string }>(
      'SELECT thread_id AS "threadId" FROM messages WHERE message_id = $1',
      [reply.messageId],
    );
    expect(captured?.threadId).toBe(original!.threadId);
  });

  it('sends only through the user’s own mailbox', async () => {
    await core.auth.addUser({
      email: `other-${backend}@threadline.test`,
      role: 'rep',
      password: 'another long password',
    });
    const other = (await core.auth.findUserByEmail(`other-${backend}@threadline.test`))!;
    const { send } = sendingParts(core, clock);
    await expect(send.send(other, draft({ mailboxId, to: [customer.user] }))).rejects.toMatchObject(
      { code: 'NOT_FOUND' },
    );
  });

  it('refuses a wrong SMTP password with AUTH_FAILED, when tested and when sending', async () => {
    const wrong = await core.mailboxes.create(user.id, {
      ...(await inputOf(core, mailboxId)),
      label: `wrong-smtp-${backend}`,
      smtp: {
        host: postfix.host,
        port: postfix.port,
        security: 'starttls',
        sameCredentialsAsIncoming: false,
        user: rep.user,
        password: 'not-the-password',
      },
    });
    const { send, worker } = sendingParts(core, clock);
    const tested = await send.testSmtp(user, wrong.id);
    expect(tested).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
    expect(JSON.stringify(tested)).not.toContain('not-the-password');
    const queued = await send.send(user, draft({ mailboxId: wrong.id, to: [customer.user] }));
    expect(await worker.sendDue()).toEqual([{ id: queued.id, sent: false, code: 'AUTH_FAILED' }]);
    expect((await send.list(user)).find((r) => r.id === queued.id)?.state).toBe('failed');
  });

  it('says HOST_UNREACHABLE when nothing listens, and TLS_ERROR for TLS on a STARTTLS port', async () => {
    const closed = await freePort();
    const refused = await core.mailboxes.create(user.id, {
      ...(await inputOf(core, mailboxId)),
      label: `refused-${backend}`,
      smtp: {
        host: postfix.host,
        port: closed,
        security: 'starttls',
        sameCredentialsAsIncoming: true,
      },
    });
    const tls = await core.mailboxes.create(user.id, {
      ...(await inputOf(core, mailboxId)),
      label: `tls-${backend}`,
      smtp: {
        host: postfix.host,
        port: postfix.port,
        security: 'tls',
        sameCredentialsAsIncoming: true,
      },
    });
    const { send } = sendingParts(core, clock);
    expect(await send.testSmtp(user, refused.id)).toMatchObject({
      ok: false,
      code: 'HOST_UNREACHABLE',
    });
    expect(await send.testSmtp(user, tls.id)).toMatchObject({ ok: false, code: 'TLS_ERROR' });
    expect(await send.testSmtp(user, mailboxId)).toEqual({ ok: true });
  });

  it('keeps the template a message was written from, for its open and click rates; never another user’s personal one', async () => {
    const { send } = sendingParts(core, clock);
    const shared = await core.templates.create(user, {
      name: `Renewal ${backend}`,
      shared: true,
      subject: 'Renewal',
      text: 'Hello',
      html: null,
    });
    const queued = await send.send(
      user,
      draft({ mailboxId, to: [customer.user], templateId: shared.id }),
    );
    const [row] = await core.database.query<{ templateId: string | null }>(
      'SELECT template_id AS "templateId" FROM outbox WHERE id = $1',
      [queued.id],
    );
    expect(row!.templateId).toBe(shared.id);

    await core.auth.addUser({
      email: `writer-${backend}@threadline.test`,
      role: 'rep',
      password: 'another long password',
    });
    const writer = (await core.auth.findUserByEmail(`writer-${backend}@threadline.test`))!;
    const personal = await core.templates.create(writer, {
      name: 'Mine alone',
      shared: false,
      subject: 'Hi',
      text: 'Hi',
      html: null,
    });
    await expect(
      send.send(user, draft({ mailboxId, to: [customer.user], templateId: personal.id })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: `No template ${personal.id}` });
  });

  it('refuses a draft without recipients before anything is queued', async () => {
    const { send } = sendingParts(core, clock);
    const before = (await send.list(user)).length;
    await expect(send.send(user, draft({ mailboxId, to: [] }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await send.list(user)).toHaveLength(before);
  });

  async function inputOf(app: App, id: string) {
    const mailbox = await app.mailboxes.get(id);
    const imap = mailbox.imap as { host: string; port: number; user: string };
    return {
      imap: {
        host: imap.host,
        port: imap.port,
        security: 'none' as const,
        user: imap.user,
        allowSelfSigned: true,
      },
      auth: { kind: 'password' as const, password: rep.password },
      folders: ['INBOX'],
      activityWindowDays: 30,
      statsWindowDays: 180,
      dataScope: 'full' as const,
      captureMode: 'auto' as const,
      createContacts: false,
    };
  }
});
