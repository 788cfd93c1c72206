import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../src/config/config.js';
import { openApp } from '../src/app/open-app.js';
import { startCaptureReceiver } from '../src/app/start-capture-receiver.js';
import { importCrmDirectory } from '../src/services/crm-csv/import-crm.js';
import { startDnsServer } from '../test/support/dns-server.js';
import { createBenchMail, writeBenchCrm } from './bench-mailbox.js';
import { mb, sampleRss } from './measure.js';

/**
 * `npm run bench:inbound`: delivers BENCH_MESSAGES (default 2,000) messages
 * of the bench mailbox over SMTP to a user's capture address, with
 * nodemailer over BENCH_CONNECTIONS (16) pooled connections, as many sending servers at once would, each filed end
 * to end (recipient checked at RCPT, parsed, decided, stored) before the
 * receiver answers 250. In the same run, the raw baseline: the same
 * messages to an smtp-server that reads them and does nothing. The product
 * runs on the embedded store (BENCH_BACKEND=server with DATABASE_URL for a
 * PostgreSQL server). Every delivery's sender is checked from its
 * connection (SPF, DKIM, DMARC, ARC through mailauth) against a dnsmasq on
 * loopback publishing the senders' SPF and DMARC records, through the
 * product's TTL cache: `auth_checks_s` is checks per second of the run,
 * `dns_cache_hit` the share of lookups the cache answered.
 */
const messages = Number(process.env.BENCH_MESSAGES ?? 2_000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const mail = createBenchMail(20_251);
const raws = Array.from({ length: messages }, (_, n) => mail.message(n));
const bytes = raws.reduce((sum, raw) => sum + raw.length, 0);

/** Sends every message over a pool of connections; returns the seconds it took. */
async function deliverAll(port: number, to: string): Promise<number> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: connections,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  const started = performance.now();
  await Promise.all(
    raws.map((raw) => transport.sendMail({ envelope: { from: mail.ownerEmail, to }, raw })),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return seconds;
}

async function baseline(): Promise<number> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  try {
    return await deliverAll(port, 'anyone@capture.bench.example');
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const work = await mkdtemp(join(tmpdir(), 'tl-bench-inbound-'));
const dns = await startDnsServer({
  zones: ['example'],
  txt: [
    { name: 'northwind.example', text: 'v=spf1 ip4:127.0.0.1 -all' },
    { name: '_dmarc.northwind.example', text: 'v=DMARC1; p=reject' },
    ...Array.from({ length: 40 }, (_, n) => ({
      name: `_dmarc.customer${n + 1}.example`,
      text: 'v=DMARC1; p=none',
    })),
  ],
});
try {
  const baselineSeconds = await baseline();
  const crmDir = join(work, 'crm');
  await mkdir(crmDir);
  await writeBenchCrm(crmDir, mail);
  const app = await openApp(
    loadConfig({
      THREADLINE_DATA_DIR: join(work, 'data'),
      THREADLINE_LOG_LEVEL: 'silent',
      ...(process.env.BENCH_BACKEND === 'server' && process.env.DATABASE_URL
        ? { DATABASE_URL: process.env.DATABASE_URL }
        : {}),
      THREADLINE_CAPTURE_DOMAIN: 'capture.bench.example',
      THREADLINE_CAPTURE_SMTP_HOST: '127.0.0.1',
      THREADLINE_CAPTURE_SMTP_PORT: '0',
      THREADLINE_CAPTURE_SENDER_RATE: String(messages * 2),
      THREADLINE_SENDER_AUTH: 'on',
      THREADLINE_DNS_SERVER: dns.address,
    }),
  );
  const rss = sampleRss();
  try {
    const report = await importCrmDirectory(app.database, crmDir, { now: () => new Date() });
    if (report.errors.length > 0) throw new Error(`CRM import failed: ${report.errors[0]?.reason}`);
    await app.directory.invalidate();
    await app.auth.addUser({
      email: mail.ownerEmail,
      name: 'Bench Rep',
      role: 'rep',
      password: null,
    });
    const owner = (await app.auth.findUserByEmail(mail.ownerEmail))!;
    const address = (await app.captureAddresses.addressOf(owner.id)).address!;
    const receiver = (await startCaptureReceiver(app))!;
    rss.reset();
    const seconds = await deliverAll(receiver.port, address);
    const peak = rss.peak();
    await receiver.close();
    const [filed] = await app.database.query<{ decided: number; captured: number; kept: number }>(
      `SELECT count(*)::int AS decided, count(*) FILTER (WHERE d.captured)::int AS captured,
         (SELECT count(*)::int FROM quarantine) AS kept
       FROM message_decisions d JOIN mailboxes mb ON mb.id = d.mailbox_id WHERE mb.kind = 'capture'`,
    );
    console.log(
      `baseline (nodemailer → smtp-server reading and dropping): ${messages} messages, ` +
        `${mb(bytes)} MB in ${baselineSeconds.toFixed(1)} s, ${(messages / baselineSeconds).toFixed(0)} msgs/s`,
    );
    console.log(
      `product: ${messages} delivered over ${connections} connections in ${seconds.toFixed(1)} s; ` +
        `${filed?.decided} filed (${filed?.captured} captured, the rest ignored as noise with a reason), ` +
        `${filed?.kept} quarantined`,
    );
    const [checked] = await app.database.query<{ smtp: number; pass: number }>(
      `SELECT count(*) FILTER (WHERE sender_auth->>'source' = 'smtp')::int AS smtp,
         count(*) FILTER (WHERE sender_auth->>'spf' = 'pass')::int AS pass FROM messages`,
    );
    const lookups = app.senderAuth!.stats();
    const hitShare = lookups.hits / Math.max(1, lookups.hits + lookups.misses);
    console.log(
      `sender authentication: ${checked?.smtp} stored messages checked from their connection ` +
        `(${checked?.pass} SPF pass); DNS lookups ${lookups.hits} from cache, ${lookups.misses} asked`,
    );
    console.log(
      `inbound: messages=${messages} smtp_msgs_s=${(messages / seconds).toFixed(0)} ` +
        `auth_checks_s=${(messages / seconds).toFixed(0)} dns_cache_hit=${hitShare.toFixed(3)} ` +
        `peak_rss_mb=${mb(peak)}`,
    );
  } finally {
    rss.stop();
    await app.close();
  }
} finally {
  await dns.stop();
  await rm(work, { recursive: true, force: true });
}
