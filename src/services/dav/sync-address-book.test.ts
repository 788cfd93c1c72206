import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { startRadicale, type RadicaleServer } from '../../../test/support/radicale.js';
import { openTestApp } from '../../../test/support/test-app.js';
import { davCollection } from '../../adapters/dav/dav-collection.js';
import { readVCard, writeVCard } from '../../adapters/dav/vcard.js';
import { davSourcesRepository } from '../../adapters/db/repositories/dav-sources.js';
import type { App } from '../../app/open-app.js';
import { importCrmDirectory } from '../crm-csv/import-crm.js';
import { createAuditLog } from '../sharing/audit-log.js';
import { syncAddressBook } from './sync-address-book.js';

let radicale: RadicaleServer;
let books = 0;
beforeAll(async () => {
  radicale = await startRadicale();
  await radicale.addUser('rita', 'rita-pass');
});
afterAll(() => radicale.close());

describe.each(testBackends())('address book sync over CardDAV on the %s backend', (backend) => {
  let core: App;
  let owner: { id: string; isAdmin: boolean };
  let bookUrl: string;
  let grace: string;
  let sourceId: string;

  beforeEach(async () => {
    core = await openTestApp(backend);
    const report = await importCrmDirectory(core.database, 'test/fixtures/crm/realistic', {
      now: () => new Date(),
    });
    expect(report.errors).toEqual([]);
    const [rita] = await core.database.query<{ id: string }>(
      `SELECT id FROM users WHERE email = 'rita@threadline.example'`,
    );
    owner = { id: rita!.id, isAdmin: false };
    [{ id: grace }] = (await core.database.query<{ id: string }>(
      `SELECT id FROM contacts WHERE external_id = 'CON-001'`,
    )) as [{ id: string }];
    books += 1;
    bookUrl = await radicale.createAddressBook('rita', `contacts-${backend}-${books}`);
    sourceId = (
      await core.dav.connect(owner.id, {
        kind: 'carddav',
        label: 'Phone',
        url: bookUrl,
        username: 'rita',
        password: 'rita-pass',
      })
    ).id;
  });
  afterEach(() => core.close());

  const sync = () => core.dav.sync(sourceId, owner);
  const collection = () =>
    davCollection({
      kind: 'carddav',
      url: bookUrl,
      signIn: { username: 'rita', password: 'rita-pass' },
    });
  const cardOfGrace = async () => {
    const text = await radicale.get('rita', 'rita-pass', `${bookUrl}${grace}.vcf`);
    return readVCard(text).card;
  };
  const editOnPhone = async (edit: (card: ReturnType<typeof readVCard>['card']) => object) => {
    const card = await cardOfGrace();
    await radicale.put(
      'rita',
      'rita-pass',
      `${bookUrl}${grace}.vcf`,
      writeVCard(grace, { ...card, ...edit(card) }),
    );
  };
  const graceInCrm = async () =>
    (
      await core.database.query<{ lastName: string; title: string; phones: string[] }>(
        `SELECT last_name AS "lastName", title, phones FROM contacts WHERE id = $1`,
        [grace],
      )
    )[0]!;
  const audits = () =>
    core.database.query<{ action: string; targetId: string; details: { field: string } }>(
      `SELECT action, target_id AS "targetId", details FROM audit_log
       WHERE action LIKE 'contact.address_book%' ORDER BY id`,
    );
  const contactCount = async () =>
    (await core.database.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts'))[0]!.n;

  it('writes every CRM contact to the address book on the first sync', async () => {
    const contacts = await contactCount();
    expect(await sync()).toMatchObject({ ok: true, written: contacts });
    expect((await collection().list()).length).toBe(contacts);
    expect(await cardOfGrace()).toEqual({
      firstName: 'Grace',
      lastName: 'Hopper',
      title: 'CTO',
      emails: ['grace.hopper@acme.com', 'ghopper@acme.io'],
      phones: [],
      addresses: [],
    });
    const [source] = await core.dav.list(owner);
    expect(source).toMatchObject({ state: 'ok', serverCount: contacts, handledCount: contacts });
  });

  it('shows a contact edited in the CRM changed in the address book after one sync', async () => {
    await sync();
    await core.database.query(
      `UPDATE contacts SET title = 'Chief Technology Officer' WHERE id = $1`,
      [grace],
    );
    expect(await sync()).toMatchObject({ ok: true, written: 1 });
    expect((await cardOfGrace()).title).toBe('Chief Technology Officer');
  });

  it('brings a number added on the phone into the CRM, audited, and does not read its own writes back', async () => {
    await sync();
    await editOnPhone(() => ({ phones: ['+1 555 0100'] }));
    expect(await sync()).toMatchObject({ ok: true, fetched: 1, written: 0 });
    expect((await graceInCrm()).phones).toEqual(['+1 555 0100']);
    expect(await audits()).toEqual([
      {
        action: 'contact.address_book_update',
        targetId: grace,
        details: expect.objectContaining({ field: 'phones', before: [], after: ['+1 555 0100'] }),
      },
    ]);
    expect(await sync()).toMatchObject({ ok: true, fetched: 0, written: 0 });
    expect((await audits()).length).toBe(1);
  });

  it('on a conflicting edit keeps the CRM’s name and the phone’s number, and audits both', async () => {
    await sync();
    await core.database.query(
      `UPDATE contacts SET last_name = 'Murray', phones = '["+1 555 0111"]' WHERE id = $1`,
      [grace],
    );
    await editOnPhone(() => ({ lastName: 'H.', phones: ['+1 555 0122'] }));
    expect(await sync()).toMatchObject({ ok: true, fetched: 1 });
    expect(await graceInCrm()).toMatchObject({ lastName: 'Murray', phones: ['+1 555 0122'] });
    expect(await cardOfGrace()).toMatchObject({ lastName: 'Murray', phones: ['+1 555 0122'] });
    expect((await audits()).map((a) => [a.action, a.details.field])).toEqual([
      ['contact.address_book_update', 'phones'],
      ['contact.address_book_overruled', 'lastName'],
    ]);
  });

  it('writes again a card deleted on the phone, and deletes the card of a contact deleted in the CRM', async () => {
    const contacts = await contactCount();
    await sync();
    await radicale.remove('rita', 'rita-pass', `${bookUrl}${grace}.vcf`);
    expect(await sync()).toMatchObject({ ok: true, removed: 1, written: 1 });
    expect((await cardOfGrace()).lastName).toBe('Hopper');

    await core.database.query('DELETE FROM contacts WHERE id = $1', [grace]);
    await sync();
    expect((await collection().list()).length).toBe(contacts - 1);
  });

  it('links a card made on the phone to the contact holding its address', async () => {
    await sync();
    await core.database.query(`DELETE FROM dav_objects WHERE contact_id = $1`, [grace]);
    await radicale.remove('rita', 'rita-pass', `${bookUrl}${grace}.vcf`);
    await radicale.put(
      'rita',
      'rita-pass',
      `${bookUrl}made-on-phone.vcf`,
      writeVCard('made-on-phone', {
        firstName: 'Grace',
        lastName: 'Hopper',
        title: '',
        emails: ['ghopper@acme.io'],
        phones: ['+1 555 0199'],
        addresses: [],
      }),
    );
    expect(await sync()).toMatchObject({ ok: true });
    expect((await graceInCrm()).phones).toEqual(['+1 555 0199']);
    const objects = await davSourcesRepository(core.database).objects(sourceId);
    expect(objects.filter((o) => o.contactId === grace).map((o) => o.href)).toEqual([
      `${bookUrl}made-on-phone.vcf`,
    ]);
  });

  it('resumes a pass that stopped midway without losing or doubling a card', async () => {
    const contacts = await contactCount();
    const source = (await davSourcesRepository(core.database).forSync(sourceId))!;
    const real = collection();
    let puts = 0;
    // The connection drops on the third card written.
    const dropping = {
      ...real,
      put: async (href: string, data: string, etag: string | null) => {
        puts += 1;
        if (puts === 3) throw new Error('connection reset');
        return real.put(href, data, etag);
      },
    };
    const audit = createAuditLog(core.database, core.clock);
    await expect(
      syncAddressBook({ database: core.database, audit, source, collection: dropping }),
    ).rejects.toThrow('connection reset');
    expect(await sync()).toMatchObject({ ok: true, written: contacts - 2 });
    const listed = await collection().list();
    expect(listed.length).toBe(contacts);
    expect(await sync()).toMatchObject({ ok: true, fetched: 0, written: 0 });
  });

  it('shows a wrong password as a failing address book', async () => {
    await radicale.setPassword('rita', 'changed');
    try {
      expect(await sync()).toMatchObject({ ok: false, code: 'AUTH_FAILED' });
      expect((await core.dav.list(owner))[0]).toMatchObject({ state: 'failing' });
    } finally {
      await radicale.setPassword('rita', 'rita-pass');
    }
  });
});
