import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/backends.js';
import { openTestApp } from '../support/test-app.js';
import type { App } from '../../src/app/open-app.js';
import { importCrmDirectory } from '../../src/services/crm-csv/import-crm.js';
import { importMailFiles } from '../../src/services/capture/import-mail-files.js';
import { exportMessages, type ExportedMessage } from '../../src/services/export/export-messages.js';
import { generateCorpus, type GeneratedCorpus } from './generate-corpus.js';
import { formatScore, scoreCorpus, type CorpusScore } from './corpus-metrics.js';

/**
 * Never used while writing the generator: unseen names and domains.
 * CORPUS_SEED tries another world, e.g. to reproduce a failure.
 */
const holdOutSeed = Number(process.env.CORPUS_SEED ?? 914_271);

describe.each(testBackends())('the labelled corpus on the %s backend', (backend) => {
  let core: App;
  let dir: string;
  let corpus: GeneratedCorpus;
  let score: CorpusScore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'threadline-corpus-'));
    corpus = await generateCorpus(holdOutSeed, dir);
    core = await openTestApp(backend);
    const report = await importCrmDirectory(core.database, corpus.crmDir);
    expect(report.errors).toEqual([]);
    await core.directory.invalidate();
    for (const { owner, file } of corpus.mailboxes) {
      const mailbox = await core.mailboxes.importMailboxOf(owner);
      const summary = await importMailFiles(
        [file],
        mailbox,
        (m, items) => core.ingest.ingestBatch(m, items),
        {},
      );
      expect(summary.unreadable).toEqual([]);
      expect(summary.quarantined).toBe(0);
    }
    const exported: ExportedMessage[] = [];
    for await (const line of exportMessages(core.database, { ownerId: null })) exported.push(line);
    score = scoreCorpus(corpus.labels, exported);
    console.log(formatScore(score));
  }, 180_000);
  afterAll(async () => {
    await core?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is big enough to mean something: 600+ messages, some in several mailboxes', () => {
    expect(corpus.messagesWritten).toBeGreaterThanOrEqual(600);
    expect(corpus.messagesWritten).toBeGreaterThan(corpus.labels.length);
    expect(score.missing).toEqual([]);
  });

  it('captures what the CRM knows and nothing else (F1 >= 0.98)', () => {
    expect(
      score.capture.f1,
      JSON.stringify(score.wrongCategory.slice(0, 20)),
    ).toBeGreaterThanOrEqual(0.98);
  });

  it('names the right category for 97% of messages or more', () => {
    expect(
      score.categoryAccuracy,
      JSON.stringify(score.wrongCategory.slice(0, 20)),
    ).toBeGreaterThanOrEqual(0.97);
  });

  it('links captured mail to the right CRM records (F1 >= 0.97)', () => {
    const differences = {
      missing: score.missingLinks.slice(0, 20),
      extra: score.extraLinks.slice(0, 20),
    };
    expect(score.links.f1, JSON.stringify(differences)).toBeGreaterThanOrEqual(0.97);
  });
});
