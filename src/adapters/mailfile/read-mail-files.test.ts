import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMailFiles, type MailFileItem } from './read-mail-files.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'threadline-mailfiles-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(inputs: string[], signal?: AbortSignal, maxMessageBytes?: number) {
  const items: MailFileItem[] = [];
  for await (const item of readMailFiles(inputs, signal, { maxMessageBytes })) items.push(item);
  return items;
}

function shown(items: MailFileItem[]) {
  return items.map((item) =>
    'raw' in item
      ? { file: item.file, index: item.index, raw: item.raw.toString() }
      : { file: item.file, index: item.index, error: item.error },
  );
}

describe('readMailFiles', () => {
  it('reads an .eml file as one message, under the path as given', async () => {
    const path = join(dir, 'one.eml');
    await writeFile(path, 'Subject: one\n\nbody\n');
    expect(shown(await collect([path]))).toEqual([
      { file: path, index: 0, raw: 'Subject: one\n\nbody\n' },
    ]);
  });

  it('splits an mbox on From lines and drops the blank line before each separator', async () => {
    const path = join(dir, 'inbox.mbox');
    await writeFile(
      path,
      'From ada@x.example Mon Mar  3 08:00:00 2025\nSubject: a\n\nfirst\n\n' +
        'From bob@y.example Tue Mar  4 09:00:00 2025\nSubject: b\n\nsecond\n\n',
    );
    expect(shown(await collect([path]))).toEqual([
      { file: path, index: 0, raw: 'Subject: a\n\nfirst\n' },
      { file: path, index: 1, raw: 'Subject: b\n\nsecond\n' },
    ]);
  });

  it('unescapes >From lines by one level (mboxrd) and keeps CRLF line ends', async () => {
    const path = join(dir, 'rd.mbox');
    await writeFile(
      path,
      'From - Mon Mar  3 08:00:00 2025\r\nSubject: a\r\n\r\n>From here\r\n>>From there\r\nFrom the desk of Ada 2025\r\n\r\n',
    );
    expect(shown(await collect([path]))).toEqual([
      {
        file: path,
        index: 0,
        raw: 'Subject: a\r\n\r\nFrom here\r\n>From there\r\nFrom the desk of Ada 2025\r\n',
      },
    ]);
  });

  it('does not split on a From line that does not follow a blank line', async () => {
    const path = join(dir, 'o.mbox');
    await writeFile(
      path,
      'From a@x Mon Mar  3 08:00:00 2025\nSubject: a\n\nline\nFrom b@y Tue Mar  4 2025\n',
    );
    expect(await collect([path])).toHaveLength(1);
  });

  it('walks directories recursively in sorted order, skipping other files', async () => {
    await mkdir(join(dir, 'b'));
    await writeFile(join(dir, 'b', 'x.eml'), 'Subject: bx\n\n');
    await writeFile(join(dir, 'a.eml'), 'Subject: a\n\n');
    await writeFile(join(dir, 'Inbox'), 'From a@x Mon Mar  3 08:00:00 2025\nSubject: inbox\n\n');
    await writeFile(join(dir, 'notes.txt'), 'From a@x Mon Mar  3 08:00:00 2025\n');
    await writeFile(join(dir, 'readme'), 'Subject: not an mbox\n');
    expect(shown(await collect([dir])).map(({ file, index }) => [file, index])).toEqual([
      [join(dir, 'Inbox'), 0],
      [join(dir, 'a.eml'), 0],
      [join(dir, 'b', 'x.eml'), 0],
    ]);
  });

  it('yields an error item for a missing path and goes on', async () => {
    const path = join(dir, 'a.eml');
    await writeFile(path, 'Subject: a\n\n');
    const missing = join(dir, 'missing.eml');
    expect(shown(await collect([missing, path]))).toEqual([
      { file: missing, index: 0, error: 'no such file or directory' },
      { file: path, index: 0, raw: 'Subject: a\n\n' },
    ]);
  });

  it('reports an oversized message in an mbox and reads the next one', async () => {
    const path = join(dir, 'big.mbox');
    await writeFile(
      path,
      `From a@x Mon Mar  3 08:00:00 2025\nSubject: big\n\n${'x'.repeat(5000)}\n\nFrom b@y Mon Mar  3 08:00:00 2025\nSubject: small\n\n`,
    );
    expect(shown(await collect([path], undefined, 1000))).toEqual([
      { file: path, index: 0, error: 'message larger than 1000 bytes' },
      { file: path, index: 1, raw: 'Subject: small\n' },
    ]);
  });

  it('stops when the signal is aborted', async () => {
    const path = join(dir, 'a.eml');
    await writeFile(path, 'Subject: a\n\n');
    const controller = new AbortController();
    const seen: MailFileItem[] = [];
    const run = async () => {
      for await (const item of readMailFiles([path, path, path], controller.signal)) {
        seen.push(item);
        controller.abort(new Error('stopped'));
      }
    };
    await expect(run()).rejects.toThrow('stopped');
    expect(seen).toHaveLength(1);
  });

  it('streams a large mbox in bounded memory', async () => {
    const path = join(dir, 'large.mbox');
    const message = `From a@x Mon Mar  3 08:00:00 2025\nSubject: m\n\n${'line of body text\n'.repeat(5000)}\n`;
    await writeFile(path, message.repeat(2000));
    const before = process.memoryUsage().rss;
    let count = 0;
    let peak = before;
    for await (const item of readMailFiles([path])) {
      if ('raw' in item) count += 1;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(count).toBe(2000);
    // 180 MB of mail; holding it would show as well over 100 MB of growth.
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);
  });
});
