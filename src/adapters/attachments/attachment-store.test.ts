import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAttachmentStore } from './attachment-store.js';

const sha = (content: string) => createHash('sha256').update(content).digest('hex');

describe('attachment store', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tl-attachments-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores content once under its hash, readable back, owner-only', async () => {
    const store = createAttachmentStore(root);
    const content = 'quarterly figures';
    await store.put(sha(content), new TextEncoder().encode(content));
    await store.put(sha(content), new TextEncoder().encode(content));
    expect(await text(await store.open(sha(content)))).toBe(content);
    const dir = join(root, sha(content).slice(0, 2), sha(content).slice(2, 4));
    expect(await readdir(dir)).toEqual([sha(content)]);
    expect((await stat(join(dir, sha(content)))).mode & 0o777).toBe(0o600);
  });

  it('stores the same content written concurrently once', async () => {
    const store = createAttachmentStore(root);
    const content = new TextEncoder().encode('same bytes');
    await Promise.all([1, 2, 3, 4].map(() => store.put(sha('same bytes'), content)));
    expect(await store.has(sha('same bytes'))).toBe(true);
  });

  it('refuses a name that is not a hash, so nothing outside the store is reachable', async () => {
    const store = createAttachmentStore(root);
    await expect(store.open('../../etc/passwd')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(store.open(sha('missing'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
