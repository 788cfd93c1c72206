import nodemailer from 'nodemailer';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../test/support/backends.js';
import { dnsmasqInstalled, startDnsServer, type DnsServer } from '../../test/support/dns-server.js';
import { openTestApp } from '../../test/support/test-app.js';
import type { RunningReceiver } from '../adapters/smtp-receiver/smtp-receiver.js';
import { importCrmDirectory } from '../services/crm-csv/import-crm.js';
import type { App } from './open-app.js';
import { startCaptureReceiver } from './start-capture-receiver.js';

/**
 * The test's DNS: acme.com sends only from 192.0.2.10 and asks receivers to
 * reject what fails DMARC; acme.de sends from loopback, where the test's
 * SMTP client connects from.
 */
const records = [
  { name: 'acme.com', text: 'v=spf1 ip4:192.0.2.10 -all' },
  { name: '_dmarc.acme.com', text: 'v=DMARC1; p=reject' },
  { name: 'acme.de', text: 'v=spf1 ip4:127.0.0.1 -all' },
  { name: '_dmarc.acme.de', text: 'v=DMARC1; p=reject' },
];

const toRita = (from: string, n: number) =>
  [
    `From: ${from}`,
    'To: Rita Rep <rita@threadline.example>',
    `Subject: Order ${n}`,
    `Message-ID: <order-${n}@sender.test>`,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Please confirm order ${n}.`,
    '',
  ].join('\r\n');

let dns: DnsServer;
beforeAll(async () => {
  dns = await startDnsServer({ zones: ['acme.com', 'acme.de'], txt: records });
}, 30_000);
afterAll(async () => {
  await dns?.stop();
});

describe.skipIf(!dnsmasqInstalled).each(testBackends())(
  'the capture address checks senders on the %s backend',
  (backend) => {
    let app: App;
    let receiver: RunningReceiver;
    let address: string;

    beforeEach(async () => {
      app = await openTestApp(backend, {
        THREADLINE_CAPTURE_DOMAIN: 'capture.threadline.test',
        THREADLINE_CAPTURE_SMTP_HOST: '127.0.0.1',
        THREADLINE_CAPTURE_SMTP_PORT: '0',
        THREADLINE_SENDER_AUTH: 'on',
        THREADLINE_DNS_SERVER: dns.address,
      });
      const imported = await importCrmDirectory(app.database, 'test/fixtures/crm/realistic', {
        now: () => new Date(),
      });
      expect(imported.errors).toEqual([]);
      await app.directory.invalidate();
      receiver = (await startCaptureReceiver(app))!;
      const rita = (await app.auth.findUserByEmail('rita@threadline.example'))!;
      address = (await app.captureAddresses.addressOf(rita.id)).address!;
    });
    afterEach(async () => {
      await receiver?.close();
      await app?.close();
    });

    const deliver = (raw: string, from: string) =>
      nodemailer
        .createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true })
        .sendMail({ envelope: { from, to: address }, raw });
    const stored = async (messageId: string) => {
      const [row] = await app.database.query<{
        captured: boolean;
        auth: { spf: string; dmarc: string; source: string };
        reasons: string[];
        links: string[];
      }>(
        `SELECT m.captured, m.sender_auth AS auth, m.reasons,
           ARRAY(SELECT l.record_type || ' ' || l.reason FROM message_links l
                 WHERE l.message_id = m.id ORDER BY 1) AS links
         FROM messages m WHERE m.message_id = $1`,
        [messageId],
      );
      return row;
    };

    it('files mail whose sender the connection proves, with the verdict from SMTP', async () => {
      const info = await deliver(
        toRita('Jürgen Klein <juergen.klein@acme.de>', 1),
        'juergen.klein@acme.de',
      );
      expect(info.response).toMatch(/^250/);
      const row = await stored('<order-1@sender.test>');
      expect(row?.auth).toMatchObject({ spf: 'pass', dmarc: 'pass', source: 'smtp' });
      expect(row?.captured).toBe(true);
      expect(row?.links).toContain('contact address juergen.klein@acme.de');
    });

    it('holds a spoofed customer for review: SPF fails from this connection and DMARC rejects', async () => {
      await deliver(toRita('Grace Hopper <grace.hopper@acme.com>', 2), 'grace.hopper@acme.com');
      const row = await stored('<order-2@sender.test>');
      expect(row?.auth).toMatchObject({ spf: 'fail', dmarc: 'fail', source: 'smtp' });
      expect(row?.reasons[0]).toMatch(/DMARC/);
      expect(row?.links).not.toContainEqual(expect.stringMatching(/^account account /));
      expect(app.senderAuth!.stats().misses).toBeGreaterThan(0);
    });
  },
);
