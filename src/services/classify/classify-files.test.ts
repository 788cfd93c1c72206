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
        error: 'no header block: the first line is not a header field',
      },
      {
        file: join(fixtures, 'malformed', 'no-header-block.eml'),
        messageId: null,
        error: 'no header block: the first line is not a header field',
      },
    ]);
    expect(lines.filter((line) => 'category' in line)).toHaveLength(4);
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
