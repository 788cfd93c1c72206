import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessageWithContent } from './parse-message.js';
import type { MessageParser } from './parse-pool.js';

// Worker threads load compiled JavaScript: this test drives the built pool (`npm test` builds first).
const compiledPool = fileURLToPath(
  new URL('../../../dist/src/adapters/mime/parse-pool.js', import.meta.url),
);

describe('parse pool on worker threads', () => {
  let pool: MessageParser;
  let createParsePool: typeof import('./parse-pool.js').createParsePool;
  beforeAll(async () => {
    if (!existsSync(compiledPool))
      throw new Error(`${compiledPool} is missing: run npm run build first`);
    ({ createParsePool } = (await import(compiledPool)) as typeof import('./parse-pool.js'));
    pool = createParsePool(2);
  });
  afterAll(async () => {
    await pool?.close();
  });

  it('parses every fixture exactly as the calling thread does, attachments included', async () => {
    const dir = 'test/fixtures/mail/human';
    const files = await readdir(dir);
    expect(files.length).toBeGreaterThan(3);
    await Promise.all(
      files.map(async (file) => {
        const raw = await readFile(join(dir, file));
        const [inPool, inThread] = await Promise.all([
          pool.parse(raw),
          parseMessageWithContent(raw),
        ]);
        expect(inPool.message).toEqual(inThread.message);
        expect(inPool.attachmentContents.map((c) => Buffer.from(c).toString('hex'))).toEqual(
          inThread.attachmentContents.map((c) => Buffer.from(c).toString('hex')),
        );
      }),
    );
  });

  it('rejects bytes that are not a message with the parser’s reason and code', async () => {
    await expect(pool.parse(new TextEncoder().encode('no headers here'))).rejects.toMatchObject({
      code: 'MALFORMED_MESSAGE',
      message: expect.stringContaining('no header block'),
    });
  });

  it('parses a header block alone on the calling thread: it would cost more to send it to a worker', async () => {
    const stopped = createParsePool(1);
    await stopped.close();
    const header = new TextEncoder().encode('From: ada@example.com\r\nSubject: Plan\r\n\r\n');
    const parsed = await stopped.parse(header, { headerOnly: true, truncated: true });
    expect(parsed.message).toMatchObject({
      subject: 'Plan',
      from: [{ address: 'ada@example.com' }],
    });
  });
});
