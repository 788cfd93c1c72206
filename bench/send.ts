import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import nodemailer from 'nodemailer';
import { freePort, startDovecot, type DovecotServer } from '../test/support/dovecot.js';
import { loopbackMailServers } from '../test/support/loopback-mail-servers.js';
import { connectSendingMailbox } from '../test/support/sending-mailbox.js';
import { serveTracking } from '../test/support/tracking-server.js';
import { startPostfix, type PostfixServer } from '../test/support/postfix.js';
import { loadConfig } from '../src/config/config.js';
import { openApp, type App } from '../src/app/open-app.js';
import { pixelGif } from '../src/http/routes/tracking-endpoints.js';
import { outboxRepository, outgoingOf } from '../src/adapters/db/repositories/outbox.js';
import { buildMessage } from '../src/adapters/smtp/build-message.js';
import { sendInput } from '../src/api-shapes/send.js';
import { createOutboxWorker } from '../src/services/send/outbox-worker.js';
import { createSendService } from '../src/services/send/send-service.js';
import { loadFromWorker, type RateResult } from './load-at-rate.js';
import { mb, sampleRss } from './measure.js';

/**
 * `npm run bench:send`: BENCH_MESSAGES (default 1,000) tracked messages
 * written, queued and sent by the outbox worker through a private Postfix
 * to Dovecot (each with its Sent copy appended over IMAP), then
 * BENCH_REQUESTS (default 20,000) pixel and 10,000 click requests on
 * loopback at BENCH_RATE (2,000) per second, open loop, each run after two
 * seconds of the same requests unmeasured. In the same run,
 * the raw baselines: nodemailer handing the same messages to the same
 * Postfix, and a bare Fastify route answering the same GIF at the same
 * rate. Embedded store; BENCH_BACKEND=server with DATABASE_URL for a
 * PostgreSQL server.
 */
const messages = Number(process.env.BENCH_MESSAGES ?? 1_000);
const pixelRequests = Number(process.env.BENCH_REQUESTS ?? 20_000);
const clickRequests = Math.ceil(pixelRequests / 2);
const rate = Number(process.env.BENCH_RATE ?? 2_000);
/** Two seconds' requests before each measured run, the same for the baseline. */
const warmup = rate * 2;
const browser =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const rep = { user: 'rep@acme.bench', password: 'bench-secret-1' };
const customer = { user: 'dana@customer.bench', password: 'bench-secret-2' };

function describeRate(name: string, result: RateResult): string {
  return (
    `${name}: ${result.requests} requests at ${rate}/s after ${warmup} unmeasured: ${result.rps.toFixed(0)} rps, ` +
    `p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, statuses ${JSON.stringify(result.statuses)}`
  );
}

async function bareGifBaseline(): Promise<RateResult> {
  const bare = Fastify();
  bare.get('/t/o/:token', (_request, reply) =>
    reply.header('cache-control', 'no-store, private').type('image/gif').send(pixelGif),
  );
  const address = await bare.listen({ host: '127.0.0.1', port: 0 });
  try {
    return await loadFromWorker([`${address}/t/o/x`], {
      rate,
      count: pixelRequests,
      userAgent: browser,
      warmup,
    });
  } finally {
    await bare.close();
  }
}

/** The same messages, already built, handed to Postfix by nodemailer alone. */
async function rawNodemailer(postfix: PostfixServer, raws: readonly Buffer[]): Promise<number> {
  const transport = nodemailer.createTransport({
    host: postfix.host,
    port: postfix.port,
    secure: false,
    requireTLS: true,
    tls: { rejectUnauthorized: false },
    auth: { user: rep.user, pass: rep.password },
  });
  const started = performance.now();
  for (const raw of raws) {
    await transport.sendMail({ envelope: { from: rep.user, to: [customer.user] }, raw });
  }
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  await postfix.drain(120_000);
  return seconds;
}

async function queueTracked(
  core: App,
  publicUrl: string,
  servers: { dovecot: DovecotServer; postfix: PostfixServer },
) {
  const user = (await core.auth.findUserByEmail(rep.user))!;
  const mailbox = await connectSendingMailbox(core, user, servers, rep);
  const send = createSendService({
    database: core.database,
    mailboxes: core.mailboxes,
    attachments: core.attachments,
    readAttachment: (u, id, position) => core.mailReads.attachment(u, id, position),
    clock: { now: () => new Date(Date.now() - 3_600_000) },
    undoSeconds: 0,
    tracking: core.tracking,
  });
  for (let n = 0; n < messages; n++) {
    await send.send(
      user,
      sendInput.parse({
        mailboxId: mailbox.id,
        to: [customer.user],
        subject: `Proposal ${n}`,
        text: 'Here is our proposal.',
        html: `<p>Here is <a href="${publicUrl}/pricing/${n}">our proposal</a> and <a href="${publicUrl}/terms">the terms</a>.</p>`,
        track: true,
      }),
    );
  }
}

const work = await mkdtemp(join(tmpdir(), 'tl-bench-send-'));
const dovecot = await startDovecot({ delivery: true });
const postfix = await startPostfix(dovecot);
await dovecot.addUser(rep.user, rep.password);
await dovecot.addUser(customer.user, customer.password);
const port = await freePort();
const publicUrl = `http://127.0.0.1:${port}`;
const core = await openApp(
  loadConfig({
    THREADLINE_DATA_DIR: join(work, 'data'),
    THREADLINE_LOG_LEVEL: 'silent',
    THREADLINE_ADMIN_EMAIL: rep.user,
    THREADLINE_ADMIN_PASSWORD: 'bench admin password 1',
    THREADLINE_PUBLIC_URL: publicUrl,
    ...loopbackMailServers,
    ...(process.env.BENCH_BACKEND === 'server' && process.env.DATABASE_URL
      ? { DATABASE_URL: process.env.DATABASE_URL }
      : {}),
  }),
);
const rss = sampleRss();
try {
  await core.tracking.setAllowed(true);
  await queueTracked(core, publicUrl, { dovecot, postfix });
  const worker = createOutboxWorker({
    ...core,
    openSession: core.openMailboxSession,
    workerId: 'bench',
  });
  rss.reset();
  const sendStarted = performance.now();
  let sent = 0;
  for (let batch = await worker.sendDue(50); batch.length > 0; batch = await worker.sendDue(50)) {
    sent += batch.filter((outcome) => outcome.sent).length;
  }
  await postfix.drain(300_000);
  const sendSeconds = (performance.now() - sendStarted) / 1000;

  const rows = await outboxRepository(core.database).list(
    (await core.auth.findUserByEmail(rep.user))!.id,
    messages,
  );
  const built = await Promise.all(
    rows.map(
      async (row) =>
        (await buildMessage(outgoingOf(row), () => Promise.reject(new Error('no attachments'))))
          .raw,
    ),
  );
  const rawSeconds = await rawNodemailer(postfix, built);
  const urls = rows.flatMap((row) => [
    ...(row.message.html ?? '').matchAll(/http:\/\/[^"]+\/t\/([oc])\/[\w-]+/g),
  ]);
  const pixels = urls.filter((m) => m[1] === 'o').map((m) => m[0]);
  const clicks = urls.filter((m) => m[1] === 'c').map((m) => m[0]);

  const http = await serveTracking(core, port);
  const bare = await bareGifBaseline();
  const [before] = await core.database.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM tracking_events',
  );
  const load = { rate, userAgent: browser, warmup };
  const pixel = await loadFromWorker(pixels, { ...load, count: pixelRequests });
  const click = await loadFromWorker(clicks, { ...load, count: clickRequests });
  await core.tracking.flush();
  const [after] = await core.database.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM tracking_events',
  );
  const peak = rss.peak();
  await http.close();
  const events = after!.n - before!.n;
  const requests = pixelRequests + clickRequests + 2 * warmup;

  console.log(
    `baseline (nodemailer alone → Postfix, one connection): ${messages} messages in ${rawSeconds.toFixed(1)} s, ` +
      `${(messages / rawSeconds).toFixed(1)} msgs/s`,
  );
  console.log(
    `product: ${sent} of ${messages} tracked messages sent by the outbox worker in ${sendSeconds.toFixed(1)} s ` +
      `(${(sent / sendSeconds).toFixed(1)} msgs/s, each with its Sent copy appended over IMAP)`,
  );
  console.log(describeRate('baseline (bare Fastify GIF route)', bare));
  console.log(describeRate('product pixel', pixel));
  console.log(describeRate('product click', click));
  console.log(
    `events stored: ${events} for ${requests} requests, warm-ups included ` +
      `(${(events / requests).toFixed(2)} writes per event)`,
  );
  console.log(
    `send: messages=${sent} smtp_msgs_s=${(sent / sendSeconds).toFixed(1)} pixel_rps=${pixel.rps.toFixed(0)} ` +
      `pixel_p99_ms=${pixel.p99Ms.toFixed(2)} click_p99_ms=${click.p99Ms.toFixed(2)} peak_rss_mb=${mb(peak)}`,
  );
} finally {
  rss.stop();
  await core.close();
  await postfix.stop();
  await dovecot.stop();
  await rm(work, { recursive: true, force: true });
}
