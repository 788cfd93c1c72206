import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { mailWithAttachment } from '../../../test/support/privacy-world.js';
import {
  mail,
  openSharingWorld,
  type Person,
  type SharingWorld,
} from '../../../test/support/sharing-world.js';
import { messageVisibilityRepository } from '../../adapters/db/repositories/message-visibility.js';
import { canOpenBody, canReadMessage } from '../../core/sharing/access.js';
import { readerOf } from '../../services/mail-reads/mail-reads-service.js';

/**
 * Rita (rep) holds one customer message, with an attached file, filed on
 * Acme Corporation, its contact and the renewal deal. Readers: Rita herself, Max her manager, Ravi
 * a peer rep under Max, Ada an admin, Olga a rep in Mona's other team.
 */
const renewal = mailWithAttachment({
  id: '<renewal@acme.com>',
  from: 'Grace Hopper <grace.hopper@acme.com>',
  to: 'rita@threadline.example',
  subject: 'Renewal pricing',
  date: 'Mon, 03 Mar 2025 10:00:00 +0000',
  text: 'Our board wants the zebracorn discount before signing.',
  filename: 'terms.txt',
  content: 'Net 30, zebracorn discount 12%.',
});

type Mode = 'private' | 'public' | 'custom with a record share' | 'custom with a named user';
const readers: Person[] = ['rita', 'max', 'ravi', 'ada', 'olga'];

/** Who sees Rita's message, per sharing mode: the sharing rules as a table. */
const expected: Record<Mode, Record<Person, boolean>> = {
  // Private holds against admins too: Ada reads it only through break-glass.
  private: { rita: true, max: false, ravi: false, ada: false, olga: false, mona: false },
  public: { rita: true, max: true, ravi: true, ada: true, olga: true, mona: true },
  // The renewal deal is shared with Ravi; Max sees it as Rita's manager.
  'custom with a record share': {
    rita: true,
    max: true,
    ravi: true,
    ada: true,
    olga: false,
    mona: false,
  },
  // All of Rita's mail is shared with Olga; Max sees it as Rita's manager.
  'custom with a named user': {
    rita: true,
    max: true,
    ravi: false,
    ada: true,
    olga: true,
    mona: false,
  },
};

describe.each(testBackends())(
  'who sees whose mail, through the API, on the %s backend',
  (backend) => {
    let world: SharingWorld;
    let accountId: string;
    let dealId: string;
    let messageId: string;

    beforeAll(async () => {
      world = await openSharingWorld(backend);
      accountId = await world.accountId('ACC-001');
      dealId = await world.recordId('deals', 'DEAL-001');
      await world.importMail('rita', renewal);
      messageId = await world.messageId('<renewal@acme.com>');
    }, 60_000);
    afterAll(async () => {
      await world.close();
    });

    /** A hidden message answers exactly as one that does not exist, so its id gives nothing away. */
    const expectAnsweredLikeMissing = async (
      reader: Person,
      response: { statusCode: number; body: string },
      url: (id: string) => string,
    ) => {
      const missingId = '00000000-0000-4000-8000-000000000000';
      const missing = await world.app.inject({ url: url(missingId), headers: world.as(reader) });
      expect(response.statusCode).toBe(404);
      expect(response.body.replace(messageId, 'ID')).toBe(missing.body.replace(missingId, 'ID'));
    };

    const shareAs = async (mode: Mode) => {
      const body = {
        private: { mode: 'private' },
        public: { mode: 'public' },
        'custom with a record share': {
          mode: 'custom',
          recordShares: [{ recordType: 'deal', recordId: dealId, userId: world.users.ravi.id }],
        },
        'custom with a named user': { mode: 'custom', sharedWith: [world.users.olga.id] },
      }[mode];
      const response = await world.app.inject({
        method: 'PUT',
        url: '/api/me/sharing',
        headers: world.as('rita'),
        payload: body,
      });
      expect(response.statusCode).toBe(200);
    };

    describe.each(Object.keys(expected) as Mode[])('Rita shares %s', (mode) => {
      beforeAll(async () => {
        await shareAs(mode);
      });

      describe.each(readers)('read by %s', (reader) => {
        const visible = () => expected[mode][reader];

        it('timeline: the thread is listed only when visible', async () => {
          const response = await world.app.inject({
            url: `/api/accounts/${accountId}/timeline`,
            headers: world.as(reader),
          });
          expect(response.statusCode).toBe(200);
          const { items } = response.json<{ items: { subject: string }[] }>();
          expect(items.map((item) => item.subject)).toEqual(visible() ? ['Renewal pricing'] : []);
        });

        it('body: readable when visible, otherwise answered exactly like a missing message', async () => {
          const response = await world.app.inject({
            url: `/api/messages/${messageId}`,
            headers: world.as(reader),
          });
          if (visible()) {
            expect(response.statusCode).toBe(200);
            expect(response.json()).toMatchObject({
              subject: 'Renewal pricing',
              text: expect.stringContaining('zebracorn'),
            });
            return;
          }
          await expectAnsweredLikeMissing(reader, response, (id) => `/api/messages/${id}`);
        });

        it('attachment: downloads when the body opens, otherwise answered like a missing message', async () => {
          const response = await world.app.inject({
            url: `/api/messages/${messageId}/attachments/0`,
            headers: world.as(reader),
          });
          if (visible()) {
            expect(response.statusCode).toBe(200);
            expect(response.body).toBe('Net 30, zebracorn discount 12%.');
            return;
          }
          await expectAnsweredLikeMissing(
            reader,
            response,
            (id) => `/api/messages/${id}/attachments/0`,
          );
        });

        it('export: the message and its body are in the caller’s export only when visible', async () => {
          const response = await world.app.inject({
            url: '/api/export/messages',
            headers: world.as(reader),
          });
          expect(response.statusCode).toBe(200);
          const lines = response.body
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as { messageId: string; text: string | null });
          expect(lines.map((line) => line.messageId)).toEqual(
            visible() ? ['<renewal@acme.com>'] : [],
          );
          if (visible()) expect(lines[0]?.text).toContain('zebracorn');
        });

        it('search: hits only when visible', async () => {
          const response = await world.app.inject({
            url: '/api/search?q=zebracorn',
            headers: world.as(reader),
          });
          expect(response.statusCode).toBe(200);
          const { items } = response.json<{ items: { id: string; snippet: string | null }[] }>();
          expect(items.map((hit) => hit.id)).toEqual(visible() ? [messageId] : []);
          if (visible()) expect(items[0]?.snippet).toContain('zebracorn');
        });

        it('activity summary: counts and dates only when visible', async () => {
          const response = await world.app.inject({
            url: `/api/accounts/${accountId}/activity-summary`,
            headers: world.as(reader),
          });
          expect(response.statusCode).toBe(200);
          expect(response.json()).toEqual(
            visible()
              ? {
                  messages: 1,
                  threads: 1,
                  inbound: 1,
                  outbound: 0,
                  lastInboundAt: '2025-03-03T10:00:00.000Z',
                  lastOutboundAt: null,
                  lastInteractionAt: '2025-03-03T10:00:00.000Z',
                }
              : {
                  messages: 0,
                  threads: 0,
                  inbound: 0,
                  outbound: 0,
                  lastInboundAt: null,
                  lastOutboundAt: null,
                  lastInteractionAt: null,
                },
          );
        });

        it('the pure rules agree with the SQL that enforced them', async () => {
          const user = await world.core.auth.findUserByEmail(world.users[reader].email);
          const visibility = messageVisibilityRepository(world.core.database);
          const copies = await visibility.copiesOf(messageId);
          const context = await visibility.contextOf(
            messageId,
            copies.map((c) => c.ownerId),
          );
          expect(canReadMessage(readerOf(user!), copies, context)).toBe(visible());
          expect(canOpenBody(readerOf(user!), copies, context)).toBe(visible());
        });
      });
    });

    describe('an excluded domain', () => {
      it('keeps public mail with that domain private, managers and peers included', async () => {
        const response = await world.app.inject({
          method: 'PUT',
          url: '/api/me/sharing',
          headers: world.as('rita'),
          payload: { mode: 'public', excludedDomains: ['ACME.com'] },
        });
        expect(response.json()).toMatchObject({ mode: 'public', excludedDomains: ['acme.com'] });
        for (const reader of ['max', 'ravi', 'olga'] as const) {
          const body = await world.app.inject({
            url: `/api/messages/${messageId}`,
            headers: world.as(reader),
          });
          expect(body.statusCode).toBe(404);
        }
        const own = await world.app.inject({
          url: `/api/messages/${messageId}`,
          headers: world.as('rita'),
        });
        expect(own.statusCode).toBe(200);
      });
    });

    describe('a message in several mailboxes', () => {
      it('is visible when any copy allows it', async () => {
        await world.app.inject({
          method: 'PUT',
          url: '/api/me/sharing',
          headers: world.as('rita'),
          payload: { mode: 'private' },
        });
        const before = await world.app.inject({
          url: `/api/messages/${messageId}`,
          headers: world.as('olga'),
        });
        expect(before.statusCode).toBe(404);

        // Ravi was copied on the same mail and shares publicly.
        await world.importMail('ravi', renewal);
        await world.app.inject({
          method: 'PUT',
          url: '/api/me/sharing',
          headers: world.as('ravi'),
          payload: { mode: 'public' },
        });
        const after = await world.app.inject({
          url: `/api/messages/${messageId}`,
          headers: world.as('olga'),
        });
        expect(after.statusCode).toBe(200);
        await world.app.inject({
          method: 'PUT',
          url: '/api/me/sharing',
          headers: world.as('ravi'),
          payload: { mode: 'private' },
        });
      });
    });

    describe('a metadata-only mailbox', () => {
      let metadataId: string;

      beforeAll(async () => {
        // Ravi captures as metadata only and shares publicly; Max was copied, Rita was not.
        await world.core.database.query(
          `UPDATE mailboxes SET data_scope = 'metadata' WHERE owner_id = $1`,
          [world.users.ravi.id],
        );
        await world.app.inject({
          method: 'PUT',
          url: '/api/me/sharing',
          headers: world.as('ravi'),
          payload: { mode: 'public' },
        });
        await world.importMail(
          'ravi',
          mail({
            id: '<escalation@acme.com>',
            from: 'grace.hopper@acme.com',
            to: 'ravi@threadline.example',
            cc: 'maximilian@threadline.example',
            subject: 'Escalation quokka',
            date: 'Tue, 04 Mar 2025 09:00:00 +0000',
            text: 'Confidential terms inside.',
          }),
        );
        metadataId = await world.messageId('<escalation@acme.com>');
      });

      it('shows its subject, date and participants to a colleague on the timeline', async () => {
        const response = await world.app.inject({
          url: `/api/accounts/${accountId}/timeline`,
          headers: world.as('rita'),
        });
        expect(response.json<{ items: { subject: string }[] }>().items).toContainEqual(
          expect.objectContaining({
            subject: 'Escalation quokka',
            participants: [
              'grace.hopper@acme.com',
              'maximilian@threadline.example',
              'ravi@threadline.example',
            ],
          }),
        );
      });

      it('opens for a participant (here through an alias), and keeps no body', async () => {
        const response = await world.app.inject({
          url: `/api/messages/${metadataId}`,
          headers: world.as('max'),
        });
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({
          subject: 'Escalation quokka',
          bodyStored: false,
          text: null,
          html: null,
        });
      });

      it('does not open for a colleague who was not on it', async () => {
        const response = await world.app.inject({
          url: `/api/messages/${metadataId}`,
          headers: world.as('rita'),
        });
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      });

      it('is found by its subject but not by its body, without a snippet', async () => {
        const bySubject = await world.app.inject({
          url: '/api/search?q=quokka',
          headers: world.as('rita'),
        });
        expect(bySubject.json()).toEqual({
          items: [expect.objectContaining({ id: metadataId, snippet: null })],
          nextOffset: null,
          next: null,
        });
        const byBody = await world.app.inject({
          url: '/api/search?q=confidential',
          headers: world.as('rita'),
        });
        expect(byBody.json()).toEqual({ items: [], nextOffset: null, next: null });
      });
    });
  },
);
