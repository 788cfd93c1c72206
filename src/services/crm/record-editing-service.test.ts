import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import {
  mail,
  openSharingWorld,
  type Person,
  type SharingWorld,
} from '../../../test/support/sharing-world.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { failure } from '../../../test/support/failure.js';

describe.each(testBackends())('editing the CRM on the %s backend', (backend) => {
  let world: SharingWorld;
  const user = {} as Record<Person, UserRow>;

  beforeAll(async () => {
    world = await openSharingWorld(backend);
    for (const person of ['rita', 'ravi', 'max', 'ada', 'olga'] as const) {
      user[person] = (await world.core.auth.findUserByEmail(world.users[person].email))!;
    }
    await world.importMail(
      'rita',
      mail({
        id: '<hello@umbrella.example>',
        from: 'Alice Wong <alice@umbrella.example>',
        to: 'rita@threadline.example',
        subject: 'Pricing for Umbrella',
        date: 'Mon, 03 Mar 2025 10:00:00 +0000',
      }),
      mail({
        id: '<again@umbrella.example>',
        from: 'Bob Stone <bob@umbrella.example>',
        to: 'rita@threadline.example',
        subject: 'Follow-up from Umbrella',
        date: 'Tue, 04 Mar 2025 10:00:00 +0000',
      }),
      mail({
        id: '<lin@initech.example>',
        from: 'Lin Chen <lin.chen@initech.example>',
        to: 'rita@threadline.example',
        subject: 'Initech evaluation',
        date: 'Wed, 05 Mar 2025 10:00:00 +0000',
      }),
    );
  }, 90_000);
  afterAll(async () => {
    await world?.close();
  });

  const editing = () => world.core.recordEditing;
  /** The message's links once the re-filing every change so far queued has run. */
  const linksOf = async (headerId: string) => {
    await world.core.refiling.settled();
    return world.core.database.query<{ type: string; recordId: string; source: string }>(
      `SELECT record_type AS type, record_id AS "recordId", source FROM message_links
       WHERE message_id = $1 ORDER BY record_type`,
      [await world.messageId(headerId)],
    );
  };
  const auditOf = (id: string) =>
    world.core.audit.page({ before: null, limit: 20, targetId: id }).then((page) => page.items);

  describe('accounts', () => {
    let umbrella: string;

    it('files stored mail from a new account’s domain on it', async () => {
      expect(await linksOf('<hello@umbrella.example>')).toEqual([]);
      umbrella = await editing().create(user.rita, 'account', {
        name: 'Umbrella Corp',
        domains: ['Umbrella.example'],
      });
      expect(await world.core.records.get('account', umbrella)).toMatchObject({
        name: 'Umbrella Corp',
        domains: ['umbrella.example'],
        ownerEmail: 'rita@threadline.example',
      });
      expect(await linksOf('<hello@umbrella.example>')).toEqual([
        { type: 'account', recordId: umbrella, source: 'auto' },
      ]);
    });

    it('audits the creation with what the account became', async () => {
      expect(await auditOf(umbrella)).toEqual([
        expect.objectContaining({
          action: 'record.create',
          actorEmail: 'rita@threadline.example',
          details: { before: null, after: expect.objectContaining({ name: 'Umbrella Corp' }) },
        }),
      ]);
    });

    it('audits an edit with before and after', async () => {
      await editing().update(user.rita, 'account', umbrella, {
        name: 'Umbrella Corporation',
        domains: ['umbrella.example'],
      });
      const [entry] = await auditOf(umbrella);
      expect(entry).toMatchObject({
        action: 'record.update',
        details: {
          before: expect.objectContaining({ name: 'Umbrella Corp' }),
          after: expect.objectContaining({ name: 'Umbrella Corporation' }),
        },
      });
    });

    it('names the field of a free-mail domain, a taken domain and an empty name', async () => {
      expect(
        await failure(
          editing().create(user.rita, 'account', { name: 'X', domains: ['gmail.com'] }),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['domains.0'] });
      expect(
        await failure(
          editing().create(user.rita, 'account', { name: 'Y', domains: ['ok.example', 'acme.de'] }),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['domains.1'] });
      expect(await failure(editing().create(user.rita, 'account', { name: ' ' }))).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: ['name'],
      });
    });

    it('refuses a parent that would close a loop', async () => {
      const child = await editing().create(user.rita, 'account', {
        name: 'Umbrella Labs',
        parentId: umbrella,
      });
      expect(
        await failure(
          editing().update(user.rita, 'account', umbrella, {
            name: 'Umbrella Corporation',
            domains: ['umbrella.example'],
            parentId: child,
          }),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['parentId'] });
    });

    it('refuses a rep a colleague’s account and lets their manager edit it', async () => {
      expect(
        await failure(editing().update(user.ravi, 'account', umbrella, { name: 'Mine now' })),
      ).toMatchObject({ code: 'FORBIDDEN' });
      expect(await failure(editing().archive(user.olga, 'account', umbrella))).toMatchObject({
        code: 'FORBIDDEN',
      });
      await editing().update(user.max, 'account', umbrella, {
        name: 'Umbrella Corporation',
        domains: ['umbrella.example'],
      });
    });
  });

  describe('contacts, merging and archiving', () => {
    let alice: string;
    let bob: string;

    it('files a new contact’s stored mail on them, by any of their addresses', async () => {
      alice = await editing().create(user.rita, 'contact', {
        firstName: 'Alice',
        lastName: 'Wong',
        emails: ['alice@umbrella.example'],
      });
      bob = await editing().create(user.rita, 'contact', {
        firstName: 'Bob',
        lastName: 'Stone',
        emails: ['bob@umbrella.example'],
      });
      expect(await linksOf('<hello@umbrella.example>')).toContainEqual({
        type: 'contact',
        recordId: alice,
        source: 'auto',
      });
    });

    it('names the address another contact already has', async () => {
      expect(
        await failure(
          editing().create(user.rita, 'contact', {
            lastName: 'Copy',
            emails: ['not an address', 'alice@umbrella.example'],
          }),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['emails.0'] });
      expect(
        await failure(
          editing().create(user.rita, 'contact', {
            lastName: 'Copy',
            emails: ['ALICE@umbrella.example'],
          }),
        ),
      ).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['emails.0'] });
    });

    it('moves addresses, mail and manual links to the survivor and archives the other', async () => {
      const bobMail = await world.messageId('<again@umbrella.example>');
      await world.core.database.query(
        `UPDATE message_links SET source = 'manual' WHERE message_id = $1 AND record_id = $2`,
        [bobMail, bob],
      );
      await editing().merge(user.rita, 'contact', alice, bob);
      expect(await world.core.records.get('contact', alice)).toMatchObject({
        emails: ['alice@umbrella.example', 'bob@umbrella.example'],
      });
      expect(await world.core.records.get('contact', bob)).toMatchObject({
        mergedIntoId: alice,
        archivedAt: expect.any(Date),
      });
      expect(await linksOf('<again@umbrella.example>')).toContainEqual({
        type: 'contact',
        recordId: alice,
        source: 'manual',
      });
      expect(
        (await linksOf('<again@umbrella.example>')).some((link) => link.recordId === bob),
      ).toBe(false);
      expect((await auditOf(alice))[0]).toMatchObject({
        action: 'record.merge',
        details: { mergedId: bob },
      });
    });

    it('leaves a merged or archived record out of lists and of matching', async () => {
      const list = await world.core.records.list('contact', {
        search: 'umbrella',
        limit: 50,
        offset: 0,
      });
      expect(list.items.map((item) => item.id)).toEqual([alice]);
      await editing().archive(user.rita, 'contact', alice);
      expect(
        (await world.core.records.list('contact', { search: 'umbrella', limit: 50, offset: 0 }))
          .total,
      ).toBe(0);
      expect(
        (await linksOf('<hello@umbrella.example>')).some((link) => link.recordId === alice),
      ).toBe(false);
      expect((await auditOf(alice))[0]).toMatchObject({ action: 'record.archive' });
    });

    it('refuses to edit an archived record, or to merge a record with itself', async () => {
      expect(
        await failure(editing().update(user.rita, 'contact', alice, { lastName: 'Wong' })),
      ).toMatchObject({ code: 'CONFLICT' });
      expect(await failure(editing().merge(user.rita, 'contact', bob, bob))).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: ['mergeId'],
      });
    });
  });

  describe('leads and cases', () => {
    it('converts a lead into a contact, a new account and a deal, keeping its mail', async () => {
      const lead = await world.core.database.query<{ id: string }>(
        `SELECT id FROM leads WHERE external_id = 'LEAD-001'`,
      );
      const leadId = lead[0]!.id;
      expect(await linksOf('<lin@initech.example>')).toContainEqual(
        expect.objectContaining({ type: 'lead', recordId: leadId }),
      );
      const converted = await editing().convertLead(user.ravi, leadId, {
        deal: { name: 'Initech pilot', amount: 5000 },
      });
      expect(await world.core.records.get('account', converted.accountId)).toMatchObject({
        name: 'Initech',
      });
      expect(await world.core.records.get('contact', converted.contactId)).toMatchObject({
        name: 'Lin Chen',
        emails: ['lin.chen@initech.example'],
        accountId: converted.accountId,
      });
      expect(await world.core.records.get('lead', leadId)).toMatchObject({
        status: 'converted',
        convertedContactId: converted.contactId,
        archivedAt: expect.any(Date),
      });
      const links = await linksOf('<lin@initech.example>');
      expect(links).toContainEqual(
        expect.objectContaining({ type: 'contact', recordId: converted.contactId }),
      );
      expect(links.some((link) => link.type === 'lead')).toBe(false);
      expect((await auditOf(leadId))[0]).toMatchObject({ action: 'lead.convert' });
    });

    it('refuses a rep converting a colleague’s lead', async () => {
      const lead = await editing().create(user.ravi, 'lead', {
        lastName: 'Prospect',
        company: 'Hooli',
        emails: ['p@hooli.example'],
      });
      expect(await failure(editing().convertLead(user.olga, lead, {}))).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await world.core.records.get('lead', lead)).toMatchObject({ archivedAt: null });
    });

    it('creates a case and refuses a number another case has', async () => {
      const acme = await world.accountId('ACC-001');
      const id = await editing().create(user.rita, 'case', {
        number: 'CS-7001',
        subject: 'Export fails',
        accountId: acme,
      });
      expect(await world.core.records.get('case', id)).toMatchObject({
        number: 'CS-7001',
        name: 'Export fails',
        accountId: acme,
      });
      expect(
        await failure(editing().create(user.rita, 'case', { number: 'CS-7001' })),
      ).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['number'] });
    });

    it('answers NOT_FOUND for a record that does not exist', async () => {
      expect(
        await failure(editing().archive(user.ada, 'deal', '00000000-0000-4000-8000-000000000000')),
      ).toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
