import { performance } from 'node:perf_hooks';
import { openEmbeddedDatabase } from '../src/adapters/db/embedded-database.js';
import { migrate } from '../src/adapters/db/migrate.js';
import { mailboxesRepository } from '../src/adapters/db/repositories/mailboxes.js';
import { parseMessage } from '../src/adapters/mime/parse-message.js';
import type { Database } from '../src/adapters/db/database.js';
import { decide } from '../src/core/capture/decide.js';
import { emptyThreadContext, type ThreadContext } from '../src/core/capture/link.js';
import {
  buildDirectoryIndex,
  type DirectoryDeal,
  type DirectoryIndex,
  type DirectorySnapshot,
} from '../src/core/directory/index.js';
import type { MailAddress, ParsedMessage } from '../src/core/message.js';
import { classifyNoise } from '../src/core/noise/classify-noise.js';
import { createDirectoryCache } from '../src/services/capture/directory-cache.js';
import type { IngestItem } from '../src/services/capture/batch-types.js';
import { createIngestService } from '../src/services/capture/ingest.js';
import { seededRandom, type SeededRandom } from '../test/corpus/seeded-random.js';
import { generateNoiseCorpus, noiseCorpusSeed } from '../test/corpus/noise/noise-corpus.js';
import { formatCategoryScores, scoreCategories } from '../test/corpus/noise/noise-metrics.js';
import { createBenchMail } from './bench-mailbox.js';
import { peakRssMb } from './measure.js';

/**
 * `npm run bench:decide`: the decision core alone (noise classification and
 * decide) against a 100,000-contact CRM on one core, then end to end through
 * the ingest pipeline into an embedded store, with the parse-only baseline
 * of the same raw messages. BENCH_MESSAGES (default 200,000) pre-parsed
 * messages for the core, BENCH_E2E_MESSAGES (default 5,000) raw ones.
 * First, the noise classifier's precision and recall per category on the
 * labelled noise corpus (test/corpus/noise).
 */
const coreMessages = Number(process.env.BENCH_MESSAGES ?? 200_000);
const e2eMessages = Number(process.env.BENCH_E2E_MESSAGES ?? 5_000);
const crmSize = { contacts: 100_000, accounts: 30_000, deals: 20_000, leads: 10_000, cases: 5_000 };
const internalDomain = 'northwind.example';

const perSecond = (count: number, ms: number) => Math.round((count * 1000) / ms);

const accountDomain = (a: number) => `acct${a}-industries.example`;
const contactAddress = (c: number, account: number) => `person.${c}@${accountDomain(account)}`;

/** A CRM of the benchmark's size, with parents, secondary free-mail addresses and team deals. */
function syntheticSnapshot(random: SeededRandom): DirectorySnapshot {
  const users = Array.from({ length: 50 }, (_, u) => ({
    id: `u${u}`,
    email: `rep${u}@${internalDomain}`,
    aliases: u % 10 === 0 ? [`team${u}@${internalDomain}`] : [],
    role: 'rep',
    managerId: null,
  }));
  const accounts = Array.from({ length: crmSize.accounts }, (_, a) => ({
    id: `a${a}`,
    externalId: `ACC-${a}`,
    name: `Account ${a}`,
    domains: a % 5 === 0 ? [accountDomain(a), `acct${a}.example`] : [accountDomain(a)],
    parentId: a % 10 === 1 ? `a${a - 1}` : null,
  }));
  const contacts = Array.from({ length: crmSize.contacts }, (_, c) => {
    const account = c % crmSize.accounts;
    const emails = [contactAddress(c, account)];
    if (c % 5 === 0) emails.push(`person${c}@gmail.com`);
    return {
      id: `c${c}`,
      externalId: `CON-${c}`,
      accountId: `a${account}`,
      emails,
      firstName: 'Person',
      lastName: String(c),
    };
  });
  const deals: DirectoryDeal[] = Array.from({ length: crmSize.deals }, (_, d) => {
    const status = d % 10 < 7 ? 'open' : d % 10 < 9 ? 'won' : 'lost';
    return {
      id: `d${d}`,
      externalId: `DEAL-${d}`,
      accountId: `a${d % crmSize.accounts}`,
      name: `Deal ${d}`,
      status,
      closedAt: status === 'open' ? null : new Date(Date.UTC(2025, 0, 1 + (d % 300))),
      contactIds: [`c${d % crmSize.contacts}`, `c${random.int(crmSize.contacts)}`],
      teamUserIds: [`u${d % 50}`],
      lastActivityAt: d % 3 === 0 ? null : new Date(Date.UTC(2025, 0, 1 + (d % 365))),
    };
  });
  return {
    users,
    settings: { internalDomains: [internalDomain], casePatterns: [] },
    accounts,
    contacts,
    leads: Array.from({ length: crmSize.leads }, (_, l) => ({
      id: `l${l}`,
      externalId: `LEAD-${l}`,
      emails: [`lead${l}@prospect${l}.example`],
      status: 'new',
    })),
    deals,
    cases: Array.from({ length: crmSize.cases }, (_, k) => ({
      id: `k${k}`,
      externalId: `CASE-${k}`,
      number: String(100_000 + k),
      accountId: `a${k % crmSize.accounts}`,
      contactId: `c${k}`,
      status: 'open',
    })),
    blocklist: [
      { ownerUserId: null, pattern: 'spam-sender.example' },
      { ownerUserId: 'u1', pattern: 'private@gmail.com' },
      ...Array.from({ length: 18 }, (_, b) => ({
        ownerUserId: null,
        pattern: `blocked${b}.example`,
      })),
    ],
    rules: [
      {
        id: 'r1',
        ownerId: null,
        kind: 'subject',
        pattern: 'Tender 2025',
        recordType: 'deal',
        recordId: 'd1',
      },
      {
        id: 'r2',
        ownerId: 'u2',
        kind: 'keyword',
        pattern: 'project falcon',
        recordType: 'account',
        recordId: 'a2',
      },
    ],
  };
}

const address = (value: string, name = ''): MailAddress => ({ address: value, name });

/**
 * Pre-parsed messages in the proportions of a sales rep's mailbox: about 40%
 * with CRM people (some naming a case or a deal), the rest newsletters,
 * notifications, automatic replies, bounces, calendar mail, colleagues and
 * strangers.
 */
function syntheticMessages(random: SeededRandom, count: number): ParsedMessage[] {
  const base = {
    inReplyTo: [],
    references: [],
    sender: null,
    replyTo: [],
    cc: [],
    bcc: [],
    returnPath: null,
    headers: {},
    contentType: 'text/plain',
    html: null,
    attachments: [],
    calendar: null,
    deliveryReport: null,
    size: 4000,
  } satisfies Partial<ParsedMessage>;
  const messages: ParsedMessage[] = [];
  for (let n = 0; n < count; n += 1) {
    const rep = address(`rep${random.int(50)}@${internalDomain}`, 'Rep');
    const c = random.int(crmSize.contacts);
    const contact = address(contactAddress(c, c % crmSize.accounts), `Person ${c}`);
    const common = {
      ...base,
      messageId: `<m${n}@bench.example>`,
      date: new Date(Date.UTC(2025, 0, 1) + n * 60_000),
      text: 'Hi, following up on the proposal we discussed last week. Best regards',
    };
    const kind = random.int(100);
    let message: ParsedMessage;
    if (kind < 30) {
      const inbound = random.chance(0.5);
      message = {
        ...common,
        subject: random.chance(0.1)
          ? `Re: Case ${100_000 + random.int(crmSize.cases)}`
          : 'Proposal',
        from: [inbound ? contact : rep],
        to: [inbound ? rep : contact],
        cc: random.chance(0.3)
          ? [address(`new.person${n}@${accountDomain(random.int(9999))}`)]
          : [],
      };
    } else if (kind < 35) {
      message = {
        ...common,
        subject: `Deal #DEAL-${random.int(crmSize.deals)} next steps`,
        from: [contact],
        to: [rep],
      };
    } else if (kind < 40) {
      message = {
        ...common,
        subject: 'Intro',
        from: [address(`lead${random.int(crmSize.leads)}@prospect${random.int(9999)}.example`)],
        to: [rep],
      };
    } else if (kind < 55) {
      message = {
        ...common,
        subject: 'This week only: 20% off',
        from: [address(`news@brand${random.int(500)}.example`, 'Brand')],
        to: [rep],
        headers: {
          'list-unsubscribe': ['<https://brand.example/unsubscribe>'],
          'list-id': ['<offers.brand.example>'],
          'x-campaign': ['c123'],
        },
      };
    } else if (kind < 65) {
      message = {
        ...common,
        subject: 'Your invoice is ready',
        from: [address(`no-reply@service${random.int(200)}.example`)],
        to: [rep],
      };
    } else if (kind < 70) {
      message = {
        ...common,
        subject: 'Automatic reply: Proposal',
        from: [contact],
        to: [rep],
        headers: { 'auto-submitted': ['auto-replied'] },
        returnPath: '',
        text: 'I am out of the office until Monday.',
      };
    } else if (kind < 72) {
      message = {
        ...common,
        subject: 'Undelivered Mail Returned to Sender',
        from: [address(`mailer-daemon@mx.${internalDomain}`)],
        to: [rep],
        returnPath: '',
        contentType: 'multipart/report',
        deliveryReport: { reportType: 'delivery-status', failedRecipients: [contact.address] },
      };
    } else if (kind < 75) {
      const reply = random.chance(0.5);
      message = {
        ...common,
        subject: reply ? 'Accepted: Demo' : 'Demo',
        from: [reply ? contact : rep],
        to: [reply ? rep : contact],
        calendar: { method: reply ? 'REPLY' : 'REQUEST', asAttachment: false },
      };
    } else if (kind < 87) {
      message = {
        ...common,
        subject: 'Lunch?',
        from: [rep],
        to: [address(`rep${random.int(50)}@${internalDomain}`)],
      };
    } else if (kind < 89) {
      message = {
        ...common,
        subject: 'Offer',
        from: [address(`sales@blocked${random.int(18)}.example`)],
        to: [rep],
      };
    } else {
      message = {
        ...common,
        subject: 'Hello',
        from: [address(`someone${n}@stranger${random.int(5000)}.example`)],
        to: [rep],
      };
    }
    messages.push(message);
  }
  return messages;
}

function measureCore(directory: DirectoryIndex, messages: readonly ParsedMessage[]) {
  const now = new Date('2025-06-01T00:00:00Z');
  const onDeal: ThreadContext = { ...emptyThreadContext, dealIds: ['d5'] };
  let captured = 0;
  const started = performance.now();
  for (const [n, message] of messages.entries()) {
    const decision = decide({
      message,
      noise: classifyNoise(message),
      directory,
      mailboxOwnerUserId: 'u1',
      thread: n % 20 === 0 ? onDeal : emptyThreadContext,
      now,
    });
    if (decision.captured) captured += 1;
  }
  return { ms: performance.now() - started, captured };
}

/** The small CRM of `createBenchMail` (500 accounts, 4 contacts each), written with SQL. */
async function loadSmallCrm(database: Database, accounts: number, perAccount: number) {
  await database.exec(`
    INSERT INTO settings (key, value) VALUES ('internal_domains', '["${internalDomain}"]'::jsonb);
    INSERT INTO accounts (external_id, name)
      SELECT 'A-' || a, 'Customer ' || a FROM generate_series(0, ${accounts - 1}) a;
    INSERT INTO account_domains (account_id, domain, position)
      SELECT id, 'customer' || substr(external_id, 3) || '.example', 0 FROM accounts;
    INSERT INTO contacts (external_id, account_id, first_name, last_name)
      SELECT 'C-' || substr(a.external_id, 3) || '-' || p, a.id, 'Person', p::text
      FROM accounts a, generate_series(0, ${perAccount - 1}) p;
    INSERT INTO contact_emails (contact_id, address, position)
      SELECT id, 'person' || split_part(external_id, '-', 3) || '@customer' || split_part(external_id, '-', 2) || '.example', 0
      FROM contacts;
    INSERT INTO deals (external_id, account_id, name, status)
      SELECT 'D-' || substr(external_id, 3), id, 'Renewal', 'open' FROM accounts;
    INSERT INTO deal_contacts (deal_id, contact_id)
      SELECT d.id, c.id FROM deals d JOIN contacts c ON c.account_id = d.account_id
      WHERE c.external_id LIKE '%-0';
  `);
}

async function measureEndToEnd(raws: readonly Uint8Array[]) {
  const database = await openEmbeddedDatabase({});
  try {
    await migrate(database);
    const mail = createBenchMail(20_251);
    await loadSmallCrm(database, mail.accounts, mail.contactsPerAccount);
    const [owner] = await database.query<{ id: string }>(
      `INSERT INTO users (email, name, role) VALUES ($1, 'Bench Rep', 'rep') RETURNING id`,
      [mail.ownerEmail],
    );
    const mailboxes = mailboxesRepository(database);
    const mailboxId = await mailboxes.insert({
      ownerId: owner!.id,
      label: 'bench',
      kind: 'import',
      imap: null,
      smtp: null,
      credentials: null,
      folderChoice: null,
      activityWindowDays: 36_500,
      statsWindowDays: 36_500,
      dataScope: 'full',
      captureMode: 'auto',
      createContacts: false,
    });
    const mailbox = (await mailboxes.findById(mailboxId))!;
    const directory = createDirectoryCache(database, buildDirectoryIndex, {
      maxAgeMs: Number.POSITIVE_INFINITY,
      now: () => Date.now(),
    });
    const ingest = createIngestService({ database, directory, clock: { now: () => new Date() } });
    let captured = 0;
    const started = performance.now();
    for (let start = 0; start < raws.length; start += 250) {
      const items: IngestItem[] = raws.slice(start, start + 250).map((raw, i) => ({
        raw,
        truncated: false,
        source: `bench#${start + i}`,
        location: null,
      }));
      for (const outcome of await ingest.ingestBatch(mailbox, items)) {
        if (outcome.status === 'captured') captured += 1;
      }
    }
    return { ms: performance.now() - started, captured };
  } finally {
    await database.close();
  }
}

async function measureParseOnly(raws: readonly Uint8Array[]) {
  const started = performance.now();
  for (const raw of raws) await parseMessage(raw);
  return performance.now() - started;
}

/** Precision and recall of each noise category over the labelled noise corpus. */
async function measureNoiseCorpus() {
  const samples = generateNoiseCorpus(noiseCorpusSeed);
  const results = [];
  for (const sample of samples) {
    const { category } = classifyNoise(await parseMessage(Buffer.from(sample.raw)));
    results.push({ expected: sample.category, actual: category });
  }
  return { messages: samples.length, scores: scoreCategories(results) };
}

const noise = await measureNoiseCorpus();
console.log(`noise corpus: ${noise.messages} labelled messages`);
console.log(formatCategoryScores(noise.scores));

const random = seededRandom(20_251);
const snapshot = syntheticSnapshot(random);
const buildStarted = performance.now();
const directory = buildDirectoryIndex(snapshot);
const buildMs = performance.now() - buildStarted;
console.log(
  `directory: contacts=${crmSize.contacts} accounts=${crmSize.accounts} deals=${crmSize.deals} build_ms=${buildMs.toFixed(0)}`,
);

const messages = syntheticMessages(random, coreMessages);
// A first pass lets the JIT settle, so the measured pass is the steady state.
measureCore(directory, messages.slice(0, Math.min(20_000, messages.length)));
const core = measureCore(directory, messages);
const coreRate = perSecond(messages.length, core.ms);
console.log(
  `core (classifyNoise + decide, one thread): ${messages.length} messages in ${core.ms.toFixed(0)} ms, ${core.captured} captured, ${coreRate} msgs/s`,
);

const benchMail = createBenchMail(20_251);
const raws = Array.from({ length: e2eMessages }, (_, n) => new Uint8Array(benchMail.message(n)));
const parseMs = await measureParseOnly(raws);
console.log(
  `baseline (parseMessage only, nothing decided or stored): ${raws.length} messages, ${perSecond(raws.length, parseMs)} msgs/s`,
);
const e2e = await measureEndToEnd(raws);
const e2eRate = perSecond(raws.length, e2e.ms);
console.log(
  `e2e (ingest in batches of 250 into embedded store): ${raws.length} messages in ${e2e.ms.toFixed(0)} ms, ${e2e.captured} captured, ${e2eRate} msgs/s`,
);
console.log(
  `decide: messages=${messages.length} core_msgs_s=${coreRate} e2e_msgs_s=${e2eRate} peak_rss_mb=${peakRssMb()}`,
);
