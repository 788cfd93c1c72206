import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer } from '../src/http/start-server.js';
import { importMailFiles } from '../src/services/capture/import-mail-files.js';
import { mbox } from '../test/support/mail-fixtures.js';
import { openBenchStore } from './bench-store.js';
import { mb, percentile, sampleRss } from './measure.js';

/**
 * `npm run bench:html`: large HTML messages read through the running
 * server's HTTP API on the embedded store, BENCH_VIEWS (default 3) views of
 * one message at the same time, while the health check is asked every 20 ms.
 * First a BENCH_HTML_MB (default 20) MB HTML body, over the size limit (shown
 * as plain text), then one of 1.8 MB, under it: its first views sanitise it
 * (on the sanitiser's thread), the next ones read the kept copy. Prints each
 * view's latency, the health check's latency meanwhile and the peak
 * resident memory of the process.
 */
const views = Number(process.env.BENCH_VIEWS ?? 3);
const largeMb = Number(process.env.BENCH_HTML_MB ?? 20);
const admin = { email: 'admin@northwind.example', password: 'bench-password-123' };

/** A generated newsletter: table rows with styles, links and images, about `bytes` long. */
function newsletterHtml(bytes: number): string {
  const row =
    '<tr><td style="padding:4px;color:#333"><a href="https://northwind.example/p?id=1">Offer</a> ' +
    '<img src="https://cdn.northwind.example/i.png" width="20" height="20" alt="i"> ' +
    '<b>save</b> <span onclick="x()">now</span></td></tr>\n';
  return `<html><body><table>${row.repeat(Math.ceil(bytes / row.length))}</table></body></html>`;
}

function message(id: string, html: string): string {
  return [
    'From: Newsletter <news@northwind.example>',
    `To: ${admin.email}`,
    `Subject: Newsletter ${id}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${id}@northwind.example>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This month at Northwind.',
    '--alt',
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '--alt--',
    '',
  ].join('\r\n');
}

const work = await mkdtemp(join(tmpdir(), 'tl-bench-html-'));
const { core, close } = await openBenchStore('embedded', admin);
const rss = sampleRss();
try {
  await core.database.query(
    `WITH account AS (INSERT INTO accounts (name) VALUES ('Northwind') RETURNING id)
     INSERT INTO account_domains (account_id, domain, position) SELECT id, 'northwind.example', 0 FROM account`,
  );
  await core.directory.invalidate();
  const file = join(work, 'mail.mbox');
  await writeFile(
    file,
    mbox([
      message('large', newsletterHtml(largeMb * 1024 * 1024)),
      message('under-limit', newsletterHtml(1.8 * 1024 * 1024)),
    ]),
  );
  const mailbox = await core.mailboxes.importMailboxOf(admin.email);
  await importMailFiles([file], mailbox, (m, items) => core.ingest.ingestBatch(m, items), {});
  const ids = await core.database.query<{ id: string; key: string; bytes: number }>(
    `SELECT id, message_id AS key, octet_length(html_body) AS bytes FROM messages ORDER BY message_id`,
  );
  const { token } = await core.auth.createApiToken(admin.email, 'bench');
  const server = await startServer(core, { webRoot: null });
  const headers = { authorization: `Bearer ${token}` };

  try {
    for (const row of ids) {
      for (const round of ['first', 'again']) {
        rss.reset();
        const health: number[] = [];
        let viewing = true;
        const sampler = (async () => {
          while (viewing) {
            const started = performance.now();
            await (await fetch(`${server.url}/api/health`)).arrayBuffer();
            health.push(performance.now() - started);
            await sleep(20);
          }
        })();
        const latencies = await Promise.all(
          Array.from({ length: views }, async () => {
            const started = performance.now();
            const answer = await fetch(`${server.url}/api/messages/${row.id}`, { headers });
            const body = (await answer.json()) as { html: string | null; htmlTooLarge: boolean };
            if (!answer.ok) throw new Error(`view failed: ${answer.status}`);
            return {
              ms: performance.now() - started,
              shown: body.html !== null,
              tooLarge: body.htmlTooLarge,
            };
          }),
        );
        viewing = false;
        await sampler;
        const shown = latencies[0]!.tooLarge ? 'plain text (too large)' : 'sanitised HTML';
        console.log(
          `${row.key} (${(row.bytes / 1024 / 1024).toFixed(1)} MB HTML), ${views} views at once, ${round}: ` +
            `${shown}; views ${latencies.map((l) => `${Math.round(l.ms)}`).join(' / ')} ms; ` +
            `/api/health ${health.length} asks, p50 ${percentile(health, 0.5).toFixed(1)} ms, ` +
            `max ${Math.max(...health).toFixed(1)} ms; peak RSS ${mb(rss.peak())} MB`,
        );
      }
    }
  } finally {
    await server.close();
  }
} finally {
  rss.stop();
  await close();
  await rm(work, { recursive: true, force: true });
}
