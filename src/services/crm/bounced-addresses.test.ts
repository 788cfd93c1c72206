import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { mail, openSharingWorld, type SharingWorld } from '../../../test/support/sharing-world.js';

const bounce = (id: string, date: string, failed: string) =>
  [
    'From: Mail Delivery System <MAILER-DAEMON@mx.threadline.example>',
    'To: rita@threadline.example',
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${date}`,
    `Message-ID: ${id}`,
    `X-Failed-Recipients: ${failed}`,
    'Auto-Submitted: auto-replied',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `This is the mail system at host mx.threadline.example.`,
    '',
    `<${failed}>: host mx.acme.com said: 550 5.1.1 User unknown`,
    '',
  ].join('\r\n');

describe.each(testBackends())('bounced addresses of a contact on the %s backend', (backend) => {
  let world: SharingWorld;
  let grace: string;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    grace = await world.recordId('contacts', 'CON-001');
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  const bounced = async () => {
    const contact = await world.core.records.get('contact', grace);
    return (contact.related as { bounced: { address: string; bouncedAt: Date }[] }).bounced;
  };

  it('names none while nothing bounced', async () => {
    expect(await bounced()).toEqual([]);
  });

  it('names the address a bounce could not deliver to, with when', async () => {
    await world.importMail(
      'rita',
      bounce('<b1@mx.threadline.example>', 'Mon, 03 Mar 2025 10:00:00 +0000', 'ghopper@acme.io'),
    );
    expect(await bounced()).toEqual([
      { address: 'ghopper@acme.io', bouncedAt: new Date('2025-03-03T10:00:00Z') },
    ]);
  });

  it('clears it once the contact writes from that address after the bounce', async () => {
    await world.importMail(
      'rita',
      mail({
        id: '<back@acme.io>',
        from: 'Grace Hopper <ghopper@acme.io>',
        to: 'rita@threadline.example',
        subject: 'My new mailbox works again',
        date: 'Tue, 04 Mar 2025 09:00:00 +0000',
      }),
    );
    expect(await bounced()).toEqual([]);
  });
});
