import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../adapters/db/database.js';
import { testBackends } from '../../../test/support/backends.js';
import {
  mailWithAttachment,
  openPrivacyWorld,
  tablesMentioning,
  type PrivacyWorld,
} from '../../../test/support/privacy-world.js';
import { mail } from '../../../test/support/sharing-world.js';
import { localOperator } from '../auth/local-operator.js';
import { searchQuery, searchVector } from '../../core/search/search-terms.js';
import type { ErasureReport, PersonExport } from './people.js';

const grace = 'grace.hopper@acme.com';
/** Her contact's second address. */
const ghopper = 'ghopper@acme.io';
/** What must be found nowhere once she is erased: her addresses, her full name, her surname. */
const traces = [grace, ghopper, 'grace hopper', 'hopper'];
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const question = mailWithAttachment({
  id: '<q1@acme.com>',
  from: 'Grace Hopper <Grace.Hopper@ACME.com>',
  to: 'rita@threadline.example',
  subject: 'Renewal pricing for Grace Hopper',
  date: 'Mon, 03 Mar 2025 10:00:00 +0000',
  text: 'What would the renewal cost? Grace',
  filename: 'grace-notes.txt',
  content: 'Private notes, reach me at grace.hopper@acme.com\n',
});
const pricingFromGrace = mailWithAttachment({
  id: '<g2@acme.com>',
  from: 'grace.hopper@acme.com',
  to: 'rita@threadline.example',
  subject: 'Price list',
  date: 'Tue, 04 Mar 2025 10:00:00 +0000',
  text: 'Attached.',
  filename: 'pricing.txt',
  content: 'Price list 2025\n',
});
const pricingFromJuergen = mailWithAttachment({
  id: '<j1@acme.de>',
  from: 'juergen.klein@acme.de',
  to: 'rita@threadline.example',
  subject: 'Preisliste',
  date: 'Wed, 05 Mar 2025 09:00:00 +0000',
  text: 'Anbei.',
  filename: 'pricing.txt',
  content: 'Price list 2025\n',
});
const answer = mailWithAttachment({
  id: '<a1@threadline.example>',
  from: 'rita@threadline.example',
  to: 'Grace Hopper <grace.hopper@acme.com>',
  cc: 'juergen.klein@acme.de',
  subject: 'RE: Renewal pricing for Grace Hopper',
  date: 'Mon, 03 Mar 2025 11:00:00 +0000',
  headers: ['In-Reply-To: <q1@acme.com>', 'References: <q1@acme.com>'],
  text: 'About ten percent less.\r\n\r\n> grace.hopper@acme.com wrote:\r\n> What would the renewal cost?',
  filename: 'offer.txt',
  content: 'Our offer\n',
});
const mention = mail({
  id: '<j2@acme.de>',
  from: 'juergen.klein@acme.de',
  to: 'rita@threadline.example',
  subject: 'Kontakt',
  date: 'Thu, 06 Mar 2025 09:00:00 +0000',
  text: 'Please copy Grace.Hopper@Acme.com next time, as Grace Hopper asked.',
});
const fromSecondAddress = mail({
  id: '<h1@acme.io>',
  from: 'G. Hopper <GHopper@acme.io>',
  to: 'rita@threadline.example',
  subject: 'Board slides',
  date: 'Fri, 07 Mar 2025 09:00:00 +0000',
  text: 'From my other address.',
});

describe.each(testBackends())('exporting and erasing a person on the %s backend', (backend) => {
  let world: PrivacyWorld;
  let db: Queryable;
  let before: string[];
  let beforeSecond: string[];
  let exported: PersonExport;
  let report: ErasureReport;
  let storedBefore: string[];

  beforeAll(async () => {
    world = await openPrivacyWorld(backend);
    db = world.core.database;
    await world.importMail(
      question,
      pricingFromGrace,
      pricingFromJuergen,
      answer,
      mention,
      fromSecondAddress,
    );
    const [mailbox] = await db.query<{ id: string }>(
      `SELECT id FROM mailboxes WHERE kind = 'import'`,
    );
    await db.query(
      `INSERT INTO quarantine (mailbox_id, source, raw_sha256, raw, reason)
       VALUES ($1, 'upload.mbox#9', 'x', $2, 'MALFORMED_MESSAGE')`,
      [mailbox!.id, Buffer.from('From: Grace.Hopper@acme.com\r\nSubject: broken\r\n\r\n=?x')],
    );
    await db.query(
      `INSERT INTO notices (mailbox_id, kind, text) VALUES ($1, 'bounce', 'Mail to grace.hopper@acme.com bounced')`,
      [mailbox!.id],
    );
    await db.query(
      `WITH lead AS (INSERT INTO leads (first_name, last_name, company) VALUES ('Grace', 'Hopper', 'Navy') RETURNING id)
       INSERT INTO lead_emails (lead_id, address, position) SELECT id, 'GRACE.HOPPER@acme.com', 0 FROM lead`,
    );
    before = await tablesMentioning(db, grace);
    beforeSecond = await tablesMentioning(db, ghopper);
    storedBefore = (await world.attachmentFiles()).map((file) => file.path);
    exported = await world.people.exportPerson(localOperator, { address: 'Grace.Hopper@ACME.com' });
    report = await world.people.erasePerson(localOperator, { address: ' Grace.Hopper@ACME.com ' });
  }, 120_000);
  afterAll(async () => {
    await world.close();
  });

  const messageByHeader = async (headerId: string) => {
    const [row] = await db.query<{
      subject: string;
      textBody: string | null;
      htmlBody: string | null;
      participants: string[];
      envelope: { to: unknown[]; cc: { address: string }[]; attachments: unknown[] };
      threadId: string;
    }>(
      `SELECT subject, text_body AS "textBody", html_body AS "htmlBody", participants, envelope,
         thread_id AS "threadId" FROM messages WHERE message_id = $1`,
      [headerId],
    );
    return row;
  };

  describe('export', () => {
    it('gives the person’s contacts and leads, and every message any of their addresses sent or received', () => {
      expect(exported.addresses).toEqual([grace, ghopper]);
      expect(exported.contacts.map((c) => [c.externalId, c.emails])).toEqual([
        ['CON-001', ['grace.hopper@acme.com', 'ghopper@acme.io']],
      ]);
      expect(exported.leads.map((l) => [l.company, l.emails])).toEqual([
        ['Navy', ['GRACE.HOPPER@acme.com']],
      ]);
      expect(exported.messages.map((m) => [m.messageId, m.role])).toEqual([
        ['<q1@acme.com>', 'sender'],
        ['<a1@threadline.example>', 'recipient'],
        ['<g2@acme.com>', 'sender'],
        ['<h1@acme.io>', 'sender'],
      ]);
    });

    it('carries each message’s body, links, per-mailbox decisions and attachment metadata', () => {
      const first = exported.messages[0]!;
      expect(first.textBody).toContain('What would the renewal cost?');
      expect(first.links).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ recordType: 'contact', reason: `address ${grace}` }),
        ]),
      );
      expect(first.decisions).toEqual([
        expect.objectContaining({ ownerEmail: 'rita@threadline.example', captured: true }),
      ]);
      expect(first.attachments).toEqual([
        expect.objectContaining({
          filename: 'grace-notes.txt',
          contentType: 'text/plain',
          sha256: sha256('Private notes, reach me at grace.hopper@acme.com\n'),
        }),
      ]);
    });
  });

  describe('erasure', () => {
    it('starts from an address present all over the store (so the scan below means something)', () => {
      expect(before).toEqual(
        expect.arrayContaining([
          'contact_emails.address',
          'lead_emails.address',
          'messages.participants',
          'messages.envelope',
          'messages.text_body',
          'message_links.reason',
          'message_decisions.reasons',
          'threads.participants',
          'quarantine.raw',
          'notices.text',
        ]),
      );
      expect(beforeSecond).toEqual(
        expect.arrayContaining(['contact_emails.address', 'messages.from_address']),
      );
      expect(storedBefore.length).toBe(3);
    });

    it.each(traces)('leaves no trace of "%s" in any column of any table', async (trace) => {
      expect(await tablesMentioning(db, trace)).toEqual([]);
    });

    it.each(traces)('leaves no message found by searching for "%s"', async (trace) => {
      const hits = await db.query('SELECT message_id FROM messages WHERE search @@ $1::tsquery', [
        searchQuery(`"${trace}"`),
      ]);
      expect(hits).toEqual([]);
    });

    it('leaves no attachment file of theirs in the store, and keeps files other mail still uses', async () => {
      const files = await world.attachmentFiles();
      expect(
        files.filter((file) => file.content.toString('latin1').toLowerCase().includes(grace)),
      ).toEqual([]);
      expect(files.map((file) => file.path.split('/').at(-1))).toEqual([
        sha256('Price list 2025\n'),
      ]);
      expect(await db.query('SELECT sha256 FROM attachment_blobs ORDER BY sha256')).toEqual([
        { sha256: sha256('Price list 2025\n') },
      ]);
    });

    it('deletes what they sent from any of their addresses, with its links, decisions and locations', async () => {
      expect(await messageByHeader('<q1@acme.com>')).toBeUndefined();
      expect(await messageByHeader('<g2@acme.com>')).toBeUndefined();
      expect(await messageByHeader('<h1@acme.io>')).toBeUndefined();
      const orphans = await db.query(
        `SELECT 1 FROM message_links l WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = l.message_id)
         UNION ALL SELECT 1 FROM message_locations l WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = l.message_id)`,
      );
      expect(orphans).toEqual([]);
    });

    it('redacts what they only received: address, subject, bodies and attachments go; the rest stays', async () => {
      const redacted = await messageByHeader('<a1@threadline.example>');
      expect(redacted).toMatchObject({ subject: '[redacted]', textBody: null, htmlBody: null });
      expect([...redacted!.participants].sort()).toEqual([
        'juergen.klein@acme.de',
        'rita@threadline.example',
      ]);
      expect(redacted!.envelope.to).toEqual([]);
      expect(redacted!.envelope.cc.map((c) => c.address)).toEqual(['juergen.klein@acme.de']);
      expect(redacted!.envelope.attachments).toEqual([]);
      const [count] = await db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM message_attachments a JOIN messages m ON m.id = a.message_id
         WHERE m.message_id = '<a1@threadline.example>'`,
      );
      expect(count?.count).toBe(0);
    });

    it('scrubs mentions of their address and name in other people’s mail without touching the rest of it', async () => {
      expect((await messageByHeader('<j2@acme.de>'))?.textBody).toBe(
        'Please copy [redacted] next time, as [redacted] asked.\n',
      );
    });

    it('indexes that mail again for search, from what is left of it', async () => {
      const [row] = await db.query<{ same: boolean }>(
        'SELECT search = $1::tsvector AS same FROM messages WHERE message_id = $2',
        [
          searchVector('Kontakt', 'Please copy [redacted] next time, as [redacted] asked.\n'),
          '<j2@acme.de>',
        ],
      );
      expect(row).toEqual({ same: true });
    });

    it('recomputes the thread from the messages left, its subject key included', async () => {
      const redacted = await messageByHeader('<a1@threadline.example>');
      const [thread] = await db.query<{
        subjectKey: string;
        participants: string[];
        firstAt: Date;
        lastAt: Date;
      }>(
        `SELECT subject_key AS "subjectKey", participants, first_at AS "firstAt", last_at AS "lastAt"
         FROM threads WHERE id = $1`,
        [redacted!.threadId],
      );
      expect(thread).toEqual({
        subjectKey: '',
        participants: ['juergen.klein@acme.de', 'rita@threadline.example'],
        firstAt: new Date('2025-03-03T11:00:00Z'),
        lastAt: new Date('2025-03-03T11:00:00Z'),
      });
    });

    it('deletes their contact, with both its addresses, and their lead', async () => {
      expect(await db.query(`SELECT id FROM contacts WHERE external_id = 'CON-001'`)).toEqual([]);
      expect(
        await db.query(`SELECT address FROM contact_emails WHERE lower(address) = ANY($1)`, [
          [grace, ghopper],
        ]),
      ).toEqual([]);
      expect(await db.query(`SELECT id FROM leads WHERE company = 'Navy'`)).toEqual([]);
    });

    it('keeps the deal and the case the contact was on, without the contact', async () => {
      const [kase] = await db.query<{ contactId: string | null }>(
        `SELECT contact_id AS "contactId" FROM cases WHERE external_id = 'CASE-001'`,
      );
      expect(kase).toEqual({ contactId: null });
      const [deal] = await db.query<{ contacts: number }>(
        `SELECT count(dc.contact_id)::int AS contacts FROM deals d
         LEFT JOIN deal_contacts dc ON dc.deal_id = d.id WHERE d.external_id = 'DEAL-001'`,
      );
      expect(deal).toEqual({ contacts: 1 });
    });

    it('reports what it did', () => {
      expect(report).toEqual({
        person: sha256(grace),
        messagesDeleted: 3,
        messagesRedacted: 1,
        attachmentsDeleted: 1,
        filesRemoved: 2,
        quarantineDeleted: 1,
        contactsUpdated: 0,
        contactsDeleted: 1,
        leadsUpdated: 0,
        leadsDeleted: 1,
        threadsRecomputed: 3,
        mentionsScrubbed: expect.any(Number) as number,
      });
    });

    it('records the export and the erasure in the audit log under the address’s SHA-256', async () => {
      const entries = await db.query<{ action: string; targetId: string; details: object }>(
        `SELECT action, target_id AS "targetId", details FROM audit_log
         WHERE target_type = 'person' ORDER BY id`,
      );
      expect(entries).toEqual([
        {
          action: 'privacy.export',
          targetId: sha256(grace),
          details: { contacts: 1, leads: 1, messages: 4 },
        },
        {
          action: 'privacy.erase',
          targetId: sha256(grace),
          details: expect.objectContaining({ messagesDeleted: 3, messagesRedacted: 1 }) as object,
        },
      ]);
    });

    it('exports nothing for them afterwards', async () => {
      const after = await world.people.exportPerson(localOperator, { address: ghopper });
      expect([after.contacts, after.leads, after.messages]).toEqual([[], [], []]);
    });

    it('refuses to erase the address of a Threadline user', async () => {
      await expect(
        world.people.erasePerson(localOperator, { address: 'rita@threadline.example' }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
    });
  });
});
