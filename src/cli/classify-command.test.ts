import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runClassify } from './classify-command.js';

const malformed = join(import.meta.dirname, '../../test/fixtures/mail/malformed');

describe('threadline classify', () => {
  it('prints an error line only for the malformed samples with no header at all, and exits 0', async () => {
    let output = '';
    const code = await runClassify(
      [malformed],
      (text) => {
        output += text;
      },
      new AbortController().signal,
    );
    expect(code).toBe(0);
    const lines = output
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { file: string; error?: string; category?: string });
    expect(lines.filter((line) => line.error).map((line) => basename(line.file))).toEqual([
      'empty.eml',
      'garbage-bytes.eml',
      'no-header-block.eml',
    ]);
    expect(lines.filter((line) => line.category === 'human')).toHaveLength(lines.length - 3);
  });
});
