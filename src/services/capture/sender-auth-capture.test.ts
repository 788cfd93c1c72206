import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { importRealisticCrm } from '../../../test/support/mail-fixtures.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { usersRepository } from '../../adapters/db/repositories/users.js';
import type { SenderAuth } from '../../core/sender-auth/verdict.js';
import { exportMessages } from '../export/export-messages.js';
import type { IngestItem } from './batch-types.js';

const spoofed: SenderAuth = {
  spf: 'fail',
  dkim: 'none',
  dmarc: 'fail',
  source: 'smtp',
  domain: 'acme.com',
  policy: 'reject',
  arc: 'none',
  arcTrusted: false,
};
const proven: SenderAuth = { ...spoofed, spf: 'pass', dkim: 'pass', dmarc: 'pass' };

function received(from: string, messageId: string, senderAuth: SenderAuth): IngestItem {
  const raw = [
    `From: ${from}`,
    'To: rita@threadline.example',
    'Subject: Our bank details changed',
    'Date: Mon, 03 Mar 2025 10:00:00 +0000',
    `Message-ID: ${messageId}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Please pay the invoice to the new account.',
    '',
  ].join('\r\n');
  return {
    raw: new TextEncoder().encode(raw),
    truncated: false,
    source: 'smtp',
    location: null,
    senderAuth,
  };
}

describe.each(testBackends())(
  'capturing mail by how its sender was proven, on the %s backend',
  (backend) => {
    let core: App;
    let rita: Awaited<ReturnType<App['mailboxes']['importMailboxOf']>>;

    beforeEach(async () => {
      core = await openTestApp(backend);
      await importRealisticCrm(core);
      rita = await core.mailboxes.importMailboxOf('rita@threadline.example');
    });
    afterEach(async () => {
      await core.close();
    });

    const exported = async () => {
      const lines = [];
      for await (const line of exportMessages(core.database, { ownerId: null })) lines.push(line);
      return lines;
    };

    it('holds spoofed mail in the review queue with the reason, filed on no account by domain', async () => {
      await core.ingest.ingestBatch(rita, [
        received('Grace Hopper <grace.hopper@acme.com>', '<spoof-1@acme.com>', spoofed),
        received('Finance <finance@acme.com>', '<spoof-2@acme.com>', spoofed),
      ]);
      const lines = await exported();
      expect(lines.map((l) => l.senderAuth)).toEqual([
        { spf: 'fail', dkim: 'none', dmarc: 'fail', source: 'smtp' },
        { spf: 'fail', dkim: 'none', dmarc: 'fail', source: 'smtp' },
      ]);
      for (const line of lines) {
        expect(line.reasons[0]).toBe(
          'sender not authenticated: DMARC fail for acme.com (p=reject)',
        );
        expect(line.links.filter((l) => l.reason.startsWith('domain '))).toEqual([]);
      }
      const held = await core.database.query<{ held: boolean }>(
        'SELECT d.held FROM message_decisions d',
      );
      expect(held.map((row) => row.held)).toEqual([true, true]);
      const user = (await usersRepository(core.database).findByEmail('rita@threadline.example'))!;
      const queue = await core.review.list(user, { cursor: null, limit: 10 });
      expect(queue.total).toBe(2);
      expect(queue.items.flatMap((item) => item.reasons)).toContain(
        'sender not authenticated: DMARC fail for acme.com (p=reject)',
      );
    });

    it('files proven mail as before, and exports how it was proven', async () => {
      await core.ingest.ingestBatch(rita, [
        received('Grace Hopper <grace.hopper@acme.com>', '<real-1@acme.com>', proven),
      ]);
      const [line] = await exported();
      expect(line).toMatchObject({
        captured: true,
        senderAuth: { spf: 'pass', dkim: 'pass', dmarc: 'pass', source: 'smtp' },
      });
      expect(line!.reasons[0]).not.toMatch(/not authenticated/);
      const held = await core.database.query<{ held: boolean }>(
        'SELECT held FROM message_decisions',
      );
      expect(held).toEqual([{ held: false }]);
    });

    it('exports no senderAuth for mail whose sender was never checked', async () => {
      const { senderAuth: _unchecked, ...item } = received(
        'Grace Hopper <grace.hopper@acme.com>',
        '<old-1@acme.com>',
        proven,
      );
      await core.ingest.ingestBatch(rita, [item]);
      const [line] = await exported();
      expect(line).not.toHaveProperty('senderAuth');
      expect(line!.captured).toBe(true);
    });

    it('gives the owner reading a spoofed message the verdict and a warning', async () => {
      await core.ingest.ingestBatch(rita, [
        received('Grace Hopper <grace.hopper@acme.com>', '<spoof-3@acme.com>', spoofed),
      ]);
      const user = (await usersRepository(core.database).findByEmail('rita@threadline.example'))!;
      const [row] = await core.database.query<{ id: string }>('SELECT id FROM messages');
      const message = await core.mailReads.message(user, row!.id, { remoteImages: false });
      expect(message).toMatchObject({
        senderAuth: { spf: 'fail', dkim: 'none', dmarc: 'fail', source: 'smtp' },
        senderWarning: 'sender not authenticated: DMARC fail for acme.com (p=reject)',
      });
    });

    it('shows a message held for review to no one but its owner', async () => {
      await core.ingest.ingestBatch(rita, [
        received('Grace Hopper <grace.hopper@acme.com>', '<spoof-4@acme.com>', spoofed),
      ]);
      const max = (await usersRepository(core.database).findByEmail('max@threadline.example'))!;
      const [row] = await core.database.query<{ id: string }>('SELECT id FROM messages');
      await expect(core.mailReads.message(max, row!.id, { remoteImages: false })).rejects.toThrow();
    });
  },
);
