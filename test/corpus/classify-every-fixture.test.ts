import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMailFiles } from '../../src/adapters/mailfile/read-mail-files.js';
import { classifyFiles, type ClassifyLine } from '../../src/services/classify/classify-files.js';
import { generateCorpus, type GeneratedCorpus } from './generate-corpus.js';

/** The seed corpus-quality.test.ts judges the capture by; CORPUS_SEED tries another. */
const seed = Number(process.env.CORPUS_SEED ?? 914_271);

// Independent of the parser: any line of the form `Name:` anywhere in the
// message, where mail clients would find a header.
const headerField = /^[!-9;-~]+:/m;

async function classified(inputs: string[]): Promise<ClassifyLine[]> {
  const lines: ClassifyLine[] = [];
  for await (const line of classifyFiles(inputs)) lines.push(line);
  return lines;
}

/** Each message of the inputs, in the order `classifyFiles` reads them, as text to look at. */
async function messageTexts(inputs: string[]): Promise<string[]> {
  const texts: string[] = [];
  for await (const item of readMailFiles(inputs)) {
    texts.push('raw' in item ? item.raw.toString('latin1') : '');
  }
  return texts;
}

/** The lines with an error, each with whether its message holds a header field. */
async function errorsOf(inputs: string[]) {
  const lines = await classified(inputs);
  const texts = await messageTexts(inputs);
  expect(texts).toHaveLength(lines.length);
  return {
    lines,
    errors: lines.flatMap((line, i) =>
      'error' in line ? [{ ...line, hasHeader: headerField.test(texts[i] ?? '') }] : [],
    ),
    headerless: texts.filter((text) => !headerField.test(text)).length,
  };
}

describe('threadline classify over every message the tests use', () => {
  it('gives an error line only to a sample file that has no header at all', async () => {
    const { lines, errors, headerless } = await errorsOf([
      join(import.meta.dirname, '../fixtures'),
    ]);
    expect(lines.length).toBeGreaterThan(50);
    expect(errors.filter((error) => error.hasHeader)).toEqual([]);
    // Each headerless file still gets its line, with why.
    expect(errors).toHaveLength(headerless);
    expect(headerless).toBeGreaterThan(0);
  });

  describe('the labelled corpus', () => {
    let dir: string;
    let corpus: GeneratedCorpus;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'threadline-classify-corpus-'));
      corpus = await generateCorpus(seed, dir);
    }, 120_000);
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('gives every message of every mailbox a category', async () => {
      const files = corpus.mailboxes.map((mailbox) => mailbox.file);
      const { lines, errors } = await errorsOf(files);
      expect(lines).toHaveLength(corpus.messagesWritten);
      expect(errors).toEqual([]);
    });
  });
});
