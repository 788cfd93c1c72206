import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { startDovecot, type DovecotServer } from '../../../test/support/dovecot.js';
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
import { outboxRepository } from '../../adapters/db/repositories/outbox.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { openServerDatabase } from '../../adapters/db/server-database.js';
import { createOutboxWorker } from './outbox-worker.js';
import { createSendService } from './send-service.js';

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

describe.each(testBackends())('the outbox on the %s backend', (backend) => {
  const rep = { user: `rep-${backend}@acme.test`, password: 'rep-secret-2' };
  const customer = { user: `erin-${backend}@customer.test`, password: 'erin-secret-2' };
  let core: App & { readonly databaseUrl: string | null };
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

  const deliveredWithSubject = async (subject: string) =>
    (await folderHeaders(dovecot, customer, 'INBOX')).filter((m) => m.subject === subject);

  it('holds a message for the undo window, and an undone message is never sent', async () => {
    const clock = handClock();
    const { send, worker } = sendingParts(core, clock);
    const withUndo = createSendService({
      database: core.database,
      mailboxes: core.mailboxes,
      attachments: core.attachments,
      readAttachment: (u, id, position) => core.mailReads.attachment(u, id, position),
      clock,
      undoSeconds: 10,
    });
    const kept = await withUndo.send(
      user,
      draft({ mailboxId, to: [customer.user], subject: 'Kept' }),
    );
    const undone = await withUndo.send(
      user,
      draft({ mailboxId, to: [customer.user], subject: 'Undone' }),
    );
    expect(kept.sendAt.getTime() - clock.now().getTime()).toBe(10_000);
    expect(await worker.sendDue()).toEqual([]);
    expect((await send.cancel(user, undone.id)).state).toBe('cancelled');
    clock.advance(10_000);
    expect(await worker.sendDue()).toEqual([{ id: kept.id, sent: true, sentCopy: 'appended' }]);
    await expect(send.cancel(user, kept.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await postfix.drain();
    expect(await deliveredWithSubject('Kept')).toHaveLength(1);
    expect(await deliveredWithSubject('Undone')).toHaveLength(0);
  });

  it('sends a scheduled message at its time in the chosen zone, once, after a restart', async () => {
    const clock = handClock(new Date('2030-01-15T12:00:00Z'));
    const before = sendingParts(core, clock, 'before-restart');
    const scheduled = await before.send.send(
      user,
      draft({
        mailboxId,
        to: [customer.user],
        subject: 'Scheduled',
        sendAt: { localTime: '2030-01-16T09:00', timeZone: 'America/New_York' },
      }),
    );
    expect(scheduled.sendAt.toISOString()).toBe('2030-01-16T14:00:00.000Z');
    expect(await before.worker.sendDue()).toEqual([]);

    // A new worker after the restart: nothing of the old one's memory survives, only the row.
    clock.advance(26 * 3600_000);
    const after = sendingParts(core, clock, 'after-restart');
    expect(await after.worker.sendDue()).toEqual([
      { id: scheduled.id, sent: true, sentCopy: 'appended' },
    ]);
    expect(await after.worker.sendDue()).toEqual([]);
    expect(await before.worker.sendDue()).toEqual([]);
    await postfix.drain();
    expect(await deliveredWithSubject('Scheduled')).toHaveLength(1);
  });

  it('never sends again what a crashed worker had taken, and settles it from what was captured', async () => {
    const clock = handClock(new Date('2031-03-01T08:00:00Z'));
    const { send, worker } = sendingParts(core, clock, 'survivor');
    const lost = await send.send(user, draft({ mailboxId, to: [customer.user], subject: 'Lost' }));
    const outbox = outboxRepository(core.database);
    // The crashed worker claimed it and died before the SMTP transaction ended.
    expect(await outbox.claimDue('crashed', clock.now(), 10)).toHaveLength(1);
    expect(await worker.sendDue()).toEqual([]);
    clock.advance(11 * 60_000);
    expect(await worker.sendDue()).toEqual([]);
    expect(await outbox.find(lost.id)).toMatchObject({
      state: 'failed',
      errorCode: 'SEND_UNCERTAIN',
    });

    // One that did go out before the crash: its Sent copy was captured, so it counts as sent.
    const gone = await send.send(user, draft({ mailboxId, to: [customer.user], subject: 'Gone' }));
    expect(await outbox.claimDue('crashed', clock.now(), 10)).toHaveLength(1);
    await dovecot.appendMessage(
      rep.user,
      'Sent',
      [
        `From: ${user.email}`,
        `To: ${customer.user}`,
        'Subject: Gone',
        `Message-ID: ${gone.messageId}`,
        `Date: ${clock.now().toUTCString()}`,
        '',
        'Here is our proposal.',
        '',
      ].join('\r\n'),
    );
    await syncOnce(core, mailboxId);
    clock.advance(11 * 60_000);
    expect(await worker.sendDue()).toEqual([]);
    expect(await outbox.find(gone.id)).toMatchObject({ state: 'sent', errorCode: null });
  });

  it('lets two workers with their own connections share the due messages, each sent once', async () => {
    const clock = handClock(new Date('2032-06-01T08:00:00Z'));
    const { send } = sendingParts(core, clock);
    const subjects = Array.from({ length: 8 }, (_, i) => `Batch ${backend} ${i}`);
    for (const subject of subjects) {
      await send.send(user, draft({ mailboxId, to: [customer.user], subject }));
    }
    // On PostgreSQL the second worker has its own pool, as a second instance of the app would.
    const secondDatabase = core.databaseUrl ? openServerDatabase(core.databaseUrl, 4) : null;
    const workerOn = (workerId: string, database = core.database) =>
      createOutboxWorker({
        database,
        mailboxes: core.mailboxes,
        attachments: core.attachments,
        openSession: core.openMailboxSession,
        clock,
        workerId,
      });
    try {
      const [a, b] = await Promise.all([
        workerOn('instance-a').sendDue(3),
        workerOn('instance-b', secondDatabase ?? core.database).sendDue(3),
      ]);
      const c = await workerOn('instance-c').sendDue(20);
      const ids = [...a, ...b, ...c].map((outcome) => outcome.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(subjects.length);
    } finally {
      await secondDatabase?.close();
    }
    await postfix.drain();
    const delivered = await folderHeaders(dovecot, customer, 'INBOX');
    for (const subject of subjects) {
      expect(delivered.filter((m) => m.subject === subject)).toHaveLength(1);
    }
  });
});
