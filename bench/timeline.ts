import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../src/adapters/db/database.js';
import {
  captureWrites,
  type DecisionRow,
  type LinkRow,
  type StoredMessageRow,
  type ThreadRow,
} from '../src/adapters/db/repositories/capture-store.js';
import { loadConfig } from '../src/config/config.js';
import { openCore, startServer } from '../src/main.js';
import { mb, peakRssMb, percentile, sampleRss } from './measure.js';
import { searchVector } from '../src/core/search/search-terms.js';
import { bodyDigest } from '../src/services/capture/message-key.js';

/**
 * `npm run bench:timeline`: an account with BENCH_THREADS (default 5,000)
 * captured threads, 2–3 messages each, on the embedded store, among
 * BENCH_NOISE_THREADS (default 5,000) threads of other accounts and some on
 * two subsidiaries. Then, through the running server's HTTP API with a
 * signed-in session as the web UI uses it, the requests the account page
 * makes (record, activity summary, first timeline page), a deep page, and
 * the page with subsidiaries; each BENCH_RUNS (default 30) times after a
 * warm-up. The baseline, same run: the first page's threads straight from
 * SQL, without the visibility predicate. BENCH_READER=owner (default: the
 * admin who owns the mailbox) or teammate (a rep who sees it because the
 * owner shares publicly, the visibility predicate's longer path).
 */
const threadCount = Number(process.env.BENCH_THREADS ?? 5_000);
const noiseThreadCount = Number(process.env.BENCH_NOISE_THREADS ?? 5_000);
const runs = Number(process.env.BENCH_RUNS ?? 30);
const pageSize = 20;
const deepPage = 50;
const targetMs = 1000;
const reader = process.env.BENCH_READER ?? 'owner';
const admin = { email: 'admin@northwind.example', password: 'bench-password-123' };
const teammate = { email: 'rep@northwind.example', password: 'bench-password-456' };

const work = await mkdtemp(join(tmpdir(), 'tl-bench-timeline-'));
const rss = sampleRss();
try {
  const config = loadConfig({
    THREADLINE_DATA_DIR: join(work, 'data'),
    THREADLINE_LOG_LEVEL: 'silent',
    THREADLINE_ADMIN_EMAIL: admin.email,
    THREADLINE_ADMIN_PASSWORD: admin.password,
    HOST: '127.0.0.1',
    PORT: '0',
  });
  const core = await openCore(config);
  const seedStarted = performance.now();
  const seeded = await seed(core.database, await core.mailboxes.importMailboxOf(admin.email));
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  console.log(
    `seeded ${seeded.messages.toLocaleString('en')} messages in ${seeded.threads.toLocaleString('en')} threads ` +
      `(${threadCount.toLocaleString('en')} on the account, 50 contacts) in ${seedSeconds.toFixed(1)} s`,
  );

  if (reader === 'teammate') {
    await core.auth.addUser({ ...teammate, name: 'Bench Rep', role: 'rep' });
    await core.database.query(
      `INSERT INTO sharing_settings (user_id, mode) SELECT id, 'public' FROM users WHERE email = $1`,
      [admin.email],
    );
  }

  const server = await startServer(core, { webRoot: null });
  try {
    const get = await signIn(server.url, reader === 'teammate' ? teammate : admin);
    const account = `/api/accounts/${seeded.accountId}`;
    const flag = (on: boolean) => `includeSubsidiaries=${on ? 'true' : 'false'}`;
    const firstPage = (on: boolean) => `${account}/timeline?${flag(on)}&limit=${pageSize}`;
    const summary = (on: boolean) => `${account}/activity-summary?${flag(on)}`;

    let cursor: string | null = null;
    for (let page = 1; page < deepPage; page += 1) {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      cursor = (await get<{ next: string | null }>(`${firstPage(false)}${query}`)).body.next;
      if (!cursor) throw new Error(`the timeline ended before page ${deepPage}`);
    }
    const requests = {
      record: account,
      summary: summary(false),
      first: firstPage(false),
      deep: `${firstPage(false)}&cursor=${encodeURIComponent(cursor!)}`,
      subsidiariesSummary: summary(true),
      subsidiariesFirst: firstPage(true),
    };
    const opened = await get<{ items: unknown[] }>(requests.first);
    const counted = await get<{ threads: number }>(requests.summary);
    if (opened.body.items.length !== pageSize || counted.body.threads !== threadCount) {
      throw new Error(
        `the account shows ${counted.body.threads} threads, ${opened.body.items.length} on page 1`,
      );
    }

    const timings = Object.fromEntries(
      Object.keys(requests).map((key) => [key, [] as number[]]),
    ) as Record<keyof typeof requests, number[]>;
    for (let run = -5; run < runs; run += 1) {
      for (const [key, path] of Object.entries(requests) as [keyof typeof requests, string][]) {
        const { ms } = await get(path);
        if (run >= 0) timings[key].push(ms);
      }
    }
    const pageOpen = timings.record.map((ms, n) => ms + timings.summary[n]! + timings.first[n]!);
    const subsidiariesOpen = timings.subsidiariesSummary.map(
      (ms, n) => ms + timings.subsidiariesFirst[n]!,
    );
    const baseline = await rawFirstPage(core.database, seeded.accountId);
    const apiRss = rss.peak();

    const line = (what: string, values: readonly number[]) =>
      console.log(
        `${what}: p50 ${percentile(values, 0.5)} ms, p95 ${percentile(values, 0.95)} ms, max ${Math.max(...values)} ms`,
      );
    console.log(
      `over ${runs} runs each, after 5 warm-up runs, through HTTP with the ${reader}'s session cookie:`,
    );
    line('  GET account record', timings.record);
    line('  GET activity summary', timings.summary);
    line(`  GET timeline, first page of ${pageSize}`, timings.first);
    line(`  GET timeline, page ${deepPage} (following next)`, timings.deep);
    line('  GET activity summary, with subsidiaries', timings.subsidiariesSummary);
    line('  GET timeline, first page, with subsidiaries', timings.subsidiariesFirst);
    line('  account page open (record + summary + first page)', pageOpen);
    line('  include subsidiaries (summary + first page)', subsidiariesOpen);
    const first50 = percentile(timings.first, 0.5);
    const raw50 = percentile(baseline, 0.5);
    console.log(
      `baseline (the first page's threads by plain SQL on the store, no visibility predicate): ` +
        `p50 ${raw50.toFixed(1)} ms, p95 ${percentile(baseline, 0.95).toFixed(1)} ms; ` +
        `API first page / baseline = ${(first50 / raw50).toFixed(1)}`,
    );
    console.log(`peak RSS ${mb(apiRss)} MB while measuring, ${peakRssMb()} MB for the whole run`);
    const open95 = percentile(pageOpen, 0.95);
    console.log(
      `verdict: account page with ${threadCount.toLocaleString('en')} threads opens in p50 ${percentile(pageOpen, 0.5)} ms, ` +
        `p95 ${open95} ms: target < ${targetMs} ms ${open95 < targetMs ? 'MET' : 'NOT MET'}`,
    );
    console.log(
      `timeline: reader=${reader} threads=${threadCount} messages=${seeded.messages} seed_s=${seedSeconds.toFixed(1)} ` +
        `open_p50_ms=${percentile(pageOpen, 0.5)} open_p95_ms=${open95} first_p50_ms=${first50} ` +
        `deep_p50_ms=${percentile(timings.deep, 0.5)} summary_p50_ms=${percentile(timings.summary, 0.5)} ` +
        `subsidiaries_open_p50_ms=${percentile(subsidiariesOpen, 0.5)} baseline_p50_ms=${raw50.toFixed(1)} ` +
        `ratio=${(first50 / raw50).toFixed(1)} peak_rss_mb=${mb(apiRss)}`,
    );
  } finally {
    await server.close();
  }
} finally {
  rss.stop();
  await rm(work, { recursive: true, force: true });
}

/** Signs in as the web UI does and returns a GET that carries the session cookie and times itself. */
async function signIn(base: string, credentials: { email: string; password: string }) {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`sign-in failed: ${response.status}`);
  return async <T = unknown>(path: string): Promise<{ body: T; ms: number }> => {
    const started = performance.now();
    const answer = await fetch(`${base}${path}`, { headers: { cookie } });
    const body = (await answer.json()) as T;
    const ms = Math.round(performance.now() - started);
    if (!answer.ok) throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(body)}`);
    return { body, ms };
  };
}

/** The same first page straight from SQL: messages filed on the account, by thread, newest first. */
async function rawFirstPage(database: Database, accountId: string): Promise<number[]> {
  const sql = `SELECT m.thread_id, max(coalesce(m.sent_at, m.created_at)) AS last_at, count(*)::int AS n
    FROM messages m JOIN message_links l ON l.message_id = m.id
    WHERE l.record_type = 'account' AND l.record_id = $1
    GROUP BY m.thread_id ORDER BY last_at DESC, m.thread_id DESC LIMIT $2`;
  const times: number[] = [];
  for (let run = -5; run < runs; run += 1) {
    const started = performance.now();
    const rows = await database.query(sql, [accountId, pageSize + 1]);
    if (rows.length !== pageSize + 1) throw new Error('the baseline found too few threads');
    if (run >= 0) times.push(performance.now() - started);
  }
  return times;
}

/**
 * The CRM (the account, two subsidiaries, ten other accounts, 50 contacts
 * each) and the mail, written with the capture pipeline's own batched
 * statements as a sync would leave it: captured by the admin's mailbox,
 * filed on the contact and the contact's account.
 */
async function seed(database: Database, mailbox: { id: string }) {
  const accounts: { id: string; domain: string; contacts: string[]; addresses: string[] }[] = [];
  const names = [
    'Acme',
    'Acme Europe',
    'Acme Asia',
    ...Array.from({ length: 10 }, (_, n) => `Other ${n}`),
  ];
  for (const [n, name] of names.entries()) {
    const domain = `${name.toLowerCase().replace(/ /g, '-')}.example`;
    const [row] = await database.query<{ id: string }>(
      `INSERT INTO accounts (external_id, name, parent_id) VALUES ($1, $2, $3) RETURNING id`,
      [`ACC-${n}`, name, n === 1 || n === 2 ? accounts[0]!.id : null],
    );
    await database.query(
      'INSERT INTO account_domains (account_id, domain, position) VALUES ($1, $2, 0)',
      [row!.id, domain],
    );
    const contacts = await database.query<{ id: string; address: string }>(
      `WITH c AS (
         INSERT INTO contacts (external_id, account_id, first_name, last_name)
         SELECT $1 || '-' || i, $2, 'Person', i::text FROM generate_series(1, 50) AS i
         RETURNING id, last_name)
       INSERT INTO contact_emails (contact_id, address, position)
       SELECT id, 'person.' || last_name || '@' || $3, 0 FROM c
       RETURNING contact_id AS id, address`,
      [`CON-${n}`, row!.id, domain],
    );
    accounts.push({
      id: row!.id,
      domain,
      contacts: contacts.map((c) => c.id),
      addresses: contacts.map((c) => c.address),
    });
  }

  const plan: { account: number; thread: number }[] = [];
  for (let t = 0; t < threadCount; t += 1) plan.push({ account: 0, thread: t });
  for (let t = 0; t < noiseThreadCount; t += 1) plan.push({ account: 3 + (t % 10), thread: t });
  for (let t = 0; t < 500; t += 1) plan.push({ account: 1 + (t % 2), thread: t });
  // Interleave the accounts in time, as a real mailbox does.
  plan.sort((a, b) => a.thread - b.thread || a.account - b.account);

  const newest = Date.UTC(2025, 5, 1);
  let messages = 0;
  const batchThreads = 400;
  for (let start = 0; start < plan.length; start += batchThreads) {
    const rows: StoredMessageRow[] = [];
    const decisions: DecisionRow[] = [];
    const links: LinkRow[] = [];
    const threads: ThreadRow[] = [];
    for (const [offset, { account: a, thread: t }] of plan
      .slice(start, start + batchThreads)
      .entries()) {
      const account = accounts[a]!;
      const contact = t % account.contacts.length;
      const address = account.addresses[contact]!;
      const threadId = `bench-${a}-${t}`;
      const startedAt = newest - (start + offset) * 3 * 3_600_000;
      const count = t % 5 < 2 ? 3 : 2;
      const times: string[] = [];
      for (let n = 0; n < count; n += 1) {
        const key = `<${threadId}-${n}@${account.domain}>`;
        const inbound = n % 2 === 0;
        const [from, to] = inbound ? [address, admin.email] : [admin.email, address];
        const sentAt = new Date(startedAt + n * 3_600_000).toISOString();
        const subject = `${n === 0 ? '' : 'RE: '}Order ${t} for ${account.domain}`;
        const textBody = `Hello,\n\nabout order ${t}: the delivery is planned for next week.\n\nRegards`;
        times.push(sentAt);
        rows.push({
          key,
          messageId: key,
          threadId,
          threadRoot: n === 0 ? null : `<${threadId}-0@${account.domain}>`,
          subject,
          sentAt,
          fromAddress: from,
          participants: [from, to].sort(),
          envelope: { from: [{ address: from, name: '' }], to: [{ address: to, name: '' }] },
          textBody,
          htmlBody: null,
          search: searchVector(subject, textBody),
          bodySha256: bodyDigest(textBody, null),
          size: 2_000,
          category: 'human',
          captured: true,
          reasons: [],
          failedRecipients: [],
        });
        decisions.push({
          key,
          mailboxId: mailbox.id,
          bodySha256: bodyDigest(textBody, null),
          captured: true,
          category: 'human',
          reasons: [],
        });
        const link = {
          key,
          confidence: 1,
          source: 'auto' as const,
          ambiguous: false,
          alternatives: [],
        };
        links.push(
          {
            ...link,
            recordType: 'contact',
            recordId: account.contacts[contact]!,
            reason: `address ${address}`,
          },
          { ...link, recordType: 'account', recordId: account.id, reason: "contact's account" },
        );
      }
      threads.push({
        id: threadId,
        subjectKey: `order ${t} for ${account.domain}`,
        participants: [address, admin.email],
        firstAt: times[0]!,
        lastAt: times.at(-1)!,
      });
    }
    await database.atomically([
      captureWrites.storeMessages(rows, threads),
      captureWrites.recordFilings({ locations: [], decisions, links, attachments: [] }),
    ]);
    messages += rows.length;
  }
  return { accountId: accounts[0]!.id, messages, threads: plan.length };
}
