import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { openSharingWorld, type SharingWorld } from '../../../test/support/sharing-world.js';

const withAttachment = [
  'From: Grace Hopper <grace.hopper@acme.com>',
  'To: rita@threadline.example',
  'Subject: Signed order',
  'Message-ID: <order@acme.com>',
  'Date: Mon, 03 Mar 2025 10:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b"',
  '',
  '--b',
  'Content-Type: text/plain',
  '',
  'Signed form attached.',
  '--b',
  'Content-Type: text/html; name="Bestellung Müller.html"',
  "Content-Disposition: attachment; filename*=UTF-8''Bestellung%20M%C3%BCller.html",
  '',
  '<script>alert(1)</script>signed',
  '--b--',
  '',
].join('\r\n');

describe.each(testBackends())('attachment downloads on the %s backend', (backend) => {
  let world: SharingWorld;
  let messageId: string;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    await world.importMail('rita', withAttachment);
    messageId = await world.messageId('<order@acme.com>');
  });
  afterAll(async () => {
    await world?.close();
  });

  it('lets the mailbox owner download a kept attachment, never rendered inline, and audits it', async () => {
    const message = await world.app.inject({
      url: `/api/messages/${messageId}`,
      headers: world.as('rita'),
    });
    expect(message.json<{ attachments: unknown[] }>().attachments).toEqual([
      expect.objectContaining({
        position: 0,
        filename: 'Bestellung Müller.html',
        downloadable: true,
      }),
    ]);
    const download = await world.app.inject({
      url: `/api/messages/${messageId}/attachments/0`,
      headers: world.as('rita'),
    });
    expect(download.statusCode).toBe(200);
    expect(download.body.trim()).toBe('<script>alert(1)</script>signed');
    expect(download.headers['content-type']).toBe('application/octet-stream');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Bestellung M_ller.html"; filename*=UTF-8''Bestellung%20M%C3%BCller.html`,
    );
    const [audit] = await world.core.database.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE action = 'attachment.read' AND target_id = $1",
      [messageId],
    );
    expect(audit?.action).toBe('attachment.read');
  });

  it('answers a peer who may not see the message exactly like a missing attachment', async () => {
    const peer = await world.app.inject({
      url: `/api/messages/${messageId}/attachments/0`,
      headers: world.as('ravi'),
    });
    const missing = await world.app.inject({
      url: `/api/messages/${messageId}/attachments/7`,
      headers: world.as('rita'),
    });
    expect(peer.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(peer.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe.each(testBackends())('a record’s stored files on the %s backend', (backend) => {
  let world: SharingWorld;
  let grace: string;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    await world.importMail('rita', withAttachment);
    grace = await world.recordId('contacts', 'CON-001');
  });
  afterAll(async () => {
    await world?.close();
  });

  const filesOf = (who: 'rita' | 'ravi', id: string) =>
    world.app.inject({ url: `/api/contacts/${id}/files`, headers: world.as(who) });

  it('lists the files its mail kept, for whoever may open that mail', async () => {
    const files = await filesOf('rita', grace);
    expect(files.json()).toEqual({
      items: [
        {
          messageId: await world.messageId('<order@acme.com>'),
          position: 0,
          filename: 'Bestellung Müller.html',
          contentType: 'text/html',
          size: expect.any(Number) as number,
          sentAt: '2025-03-03T10:00:00.000Z',
        },
      ],
    });
  });

  it('lists nothing to a peer who may not open it, and names a missing record', async () => {
    expect((await filesOf('ravi', grace)).json()).toEqual({ items: [] });
    const missing = await filesOf('rita', '00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
  });
});
