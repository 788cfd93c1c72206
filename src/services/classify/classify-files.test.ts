import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noiseCategories } from '../../core/noise/verdict.js';
import { classifyFiles, type ClassifyLine } from './classify-files.js';

const fixtures = join(import.meta.dirname, '../../../test/fixtures/mail');

async function collect(inputs: string[], concurrency?: number): Promise<ClassifyLine[]> {
  const lines: ClassifyLine[] = [];
  for await (const line of classifyFiles(inputs, undefined, { concurrency })) lines.push(line);
  return lines;
}

describe('classifyFiles', () => {
  it('gives every sample message the category of its folder, in sorted order', async () => {
    const lines = await collect([fixtures]);
    const classified = lines.filter((line) => !line.file.includes(`${sep}malformed${sep}`));
    expect(classified.length).toBeGreaterThan(30);
    for (const line of classified) {
      const folder = relative(fixtures, line.file).split(sep)[0];
      expect(noiseCategories).toContain(folder);
      expect(line).toMatchObject({ category: folder });
    }
    const files = lines.map((line) => line.file);
    expect(files).toEqual([...files].sort());
  });

  it('gives unparseable messages a line with a specific error and keeps going', async () => {
    const lines = await collect([join(fixtures, 'malformed')]);
    expect(lines.filter((line) => 'error' in line)).toEqual([
      { file: join(fixtures, 'malformed', 'empty.eml'), messageId: null, error: 'empty input' },
      {
        file: join(fixtures, 'malformed', 'garbage-bytes.eml'),
        messageId: null,
        error: 'no header block: no header field in the first 16 lines',
      },
      {
        file: join(fixtures, 'malformed', 'no-header-block.eml'),
        messageId: null,
        error: 'no header block: no header field in the first 16 lines',
      },
    ]);
    expect(lines.filter((line) => 'category' in line)).toHaveLength(lines.length - 3);
  });

  it.each([
    ['mbox-from-line.eml', '<mbox-from-line-01@mail.gmail.com>'],
    ['junk-before-headers.eml', '<junk-before-headers-01@contoso-logistics.example>'],
    ['bom-before-headers.eml', '<bom-before-headers-01@contoso-logistics.example>'],
    ['trace-headers-only.eml', null],
    ['bare-lf-multipart.eml', '<bare-lf-01@bakers-garden.example>'],
    ['8bit-raw-headers.eml', '<8bit-headers-01@stahlbau-weber.example>'],
    ['windows-1252-quotes.eml', '<windows-1252-01@contoso-logistics.example>'],
    ['bad-charset.eml', '<bad-charset-01@contoso-logistics.example>'],
    ['missing-close-boundary.eml', '<missing-close-boundary-01@mail.gmail.com>'],
    ['boundary-absent.eml', '<boundary-absent-01@bakers-garden.example>'],
    ['broken-boundary.eml', '<broken-boundary-01@bakers-garden.example>'],
    ['missing-content-type.eml', '<missing-content-type-01@bakers-garden.example>'],
    ['split-encoded-words.eml', '<split-encoded-words-01@contoso-logistics.example>'],
  ])('classifies malformed/%s as a person’s mail, as mail clients open it', async (name, id) => {
    const file = join(fixtures, 'malformed', name);
    expect(await collect([file])).toEqual([
      { file, messageId: id, category: 'human', reasons: expect.any(Array) as string[] },
    ]);
  });

  it('yields exactly the contract shape', async () => {
    const file = join(fixtures, 'auto_reply', 'gmail-vacation-responder.eml');
    expect(await collect([file])).toEqual([
      {
        file,
        messageId: '<CAF3kq9vYtR2@mail.gmail.com>',
        category: 'auto_reply',
        reasons: ['header Auto-Submitted: auto-replied'],
      },
    ]);
  });

  it('reports the Message-ID it found when the rest cannot be parsed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-classify-'));
    try {
      const file = join(dir, 'odd.eml');
      await writeFile(
        file,
        `Message-ID: <kept@x.example>\nX-Big: ${'a'.repeat(3 * 1024 * 1024)}\n\nbody\n`,
      );
      expect(await collect([file, join(dir, 'missing.eml')])).toEqual([
        {
          file,
          messageId: '<kept@x.example>',
          error: 'MIME parser failed: Maximum header size of 2097152 bytes exceeded',
        },
        { file: join(dir, 'missing.eml'), messageId: null, error: 'no such file or directory' },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps input order whatever the concurrency', async () => {
    const one = await collect([fixtures], 1);
    const eight = await collect([fixtures], 8);
    expect(eight).toEqual(one);
  });
});
