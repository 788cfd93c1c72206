import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseSnapshot, directoryForTest, ids } from '../../../test/support/directory-for-test.js';
import { startDnsServer, type DnsServer } from '../../../test/support/dns-server.js';
import {
  buildCorpus,
  corpusKeys,
  corpusRecords,
  trustedAuthservId,
  trustedSealer,
  type CorpusCase,
} from '../../../test/corpus/sender-auth/corpus.js';
import { decideBatch } from '../../core/capture/decide-batch.js';
import { classifyNoise } from '../../core/noise/classify-noise.js';
import { unauthenticatedReason, type SenderAuth } from '../../core/sender-auth/verdict.js';
import { parseMessage } from '../mime/parse-message.js';
import { cachingResolver } from './caching-resolver.js';
import { senderAuthChecker } from './check-sender.js';

const directory = directoryForTest({
  accounts: [
    ...baseSnapshot.accounts,
    {
      id: 'a-q',
      externalId: 'A-5',
      name: 'Quarantine',
      domains: ['quarantine.example'],
      parentId: null,
    },
    { id: 'a-quiet', externalId: 'A-6', name: 'Quiet', domains: ['quiet.example'], parentId: null },
    {
      id: 'a-startup',
      externalId: 'A-7',
      name: 'Startup',
      domains: ['startup.example'],
      parentId: null,
    },
  ],
});

let dns: DnsServer;
let corpus: CorpusCase[];
const keys = corpusKeys();

beforeAll(async () => {
  dns = await startDnsServer({ zones: ['example'], txt: corpusRecords(keys), ttlSeconds: 300 });
  corpus = await buildCorpus(
    keys,
    cachingResolver({ server: dns.address, timeoutMs: 2000 }).resolve,
  );
}, 60_000);
afterAll(() => dns?.stop());

/** How the capture files one message, with or without what was proven about its sender. */
async function filing(raw: Buffer, senderAuth: SenderAuth | null) {
  const message = await parseMessage(raw);
  const { verdicts } = decideBatch({
    messages: [
      {
        message,
        noise: classifyNoise(message),
        threadId: 't-1',
        duplicate: false,
        untracked: false,
        senderAuth,
      },
    ],
    directory,
    ownerId: ids.sam,
    createContacts: true,
    contexts: new Map(),
    now: new Date('2026-12-07T02:00:00Z'),
  });
  return verdicts[0]!;
}

describe('sender authentication over a corpus of authentic and spoofed mail', () => {
  it('files every authentic message as before and no spoofed one on a record or by domain', async () => {
    const resolver = cachingResolver({ server: dns.address, timeoutMs: 2000 });
    const checker = senderAuthChecker({
      resolver: resolver.resolve,
      trustedAuthservIds: [trustedAuthservId],
      trustedArcSealers: [trustedSealer],
      mta: 'capture.northwind.example',
    });
    const rows: string[] = [];
    const wrong: string[] = [];
    let spoofedFiled = 0;
    let spoofedRecords = 0;
    let authenticAsBefore = 0;
    for (const each of corpus) {
      const auth = each.smtp
        ? await checker.fromSmtp(each.raw, each.smtp)
        : await checker.fromStoredMail(each.raw, true);
      const before = await filing(each.raw, null);
      const after = await filing(each.raw, auth);
      const refused = unauthenticatedReason(auth);
      const byDomain = after.decision.links.some((l) => l.reason.startsWith('domain '));
      const filed = after.decision.captured && after.decision.heldForReview !== true;
      if (each.spoofed) {
        if (filed || byDomain) spoofedFiled += 1;
        if (after.proposals.length > 0) spoofedRecords += 1;
        if (!refused || filed || byDomain || after.proposals.length > 0) wrong.push(each.name);
      } else if (JSON.stringify(after) === JSON.stringify(before) && before.decision.captured) {
        authenticAsBefore += 1;
      } else {
        wrong.push(each.name);
      }
      const words = `spf=${auth?.spf} dkim=${auth?.dkim} dmarc=${auth?.dmarc} arc=${auth?.arc}`;
      rows.push(
        `${each.spoofed ? 'spoofed  ' : 'authentic'} ${(auth?.source ?? '-').padEnd(22)} ${words.padEnd(62)} ` +
          `${refused ? 'review' : filed ? 'filed ' : 'ignored'}  ${each.name}`,
      );
    }
    const spoofed = corpus.filter((c) => c.spoofed).length;
    console.log(
      [
        ...rows,
        `sender-auth corpus: messages=${corpus.length} authentic=${corpus.length - spoofed} spoofed=${spoofed} ` +
          `authentic_filed_as_before=${authenticAsBefore} spoofed_filed=${spoofedFiled} spoofed_records=${spoofedRecords}`,
      ].join('\n'),
    );
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(spoofed).toBeGreaterThanOrEqual(15);
    expect(wrong).toEqual([]);
    expect(authenticAsBefore).toBe(corpus.length - spoofed);
    expect(resolver.stats().hits).toBeGreaterThan(0);
  }, 120_000);
});
