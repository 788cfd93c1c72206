import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerPool } from './worker-pool.js';

// Worker threads load compiled JavaScript: this test drives the built pool (`npm test` builds first).
const compiled = (name: string) =>
  fileURLToPath(new URL(`../../../dist/src/adapters/threads/${name}.js`, import.meta.url));

type Request = { readonly say?: string; readonly fail?: string; readonly exit?: boolean };

describe('worker pool', () => {
  let work: string;
  let pool: WorkerPool<Request, string>;
  let startWorkerPool: typeof import('./worker-pool.js').startWorkerPool;
  beforeAll(async () => {
    for (const name of ['worker-pool', 'serve-requests']) {
      if (!existsSync(compiled(name)))
        throw new Error(`${compiled(name)} is missing: run npm run build first`);
    }
    ({ startWorkerPool } = (await import(
      compiled('worker-pool')
    )) as typeof import('./worker-pool.js'));
    work = await mkdtemp(join(tmpdir(), 'tl-worker-pool-'));
    // A thread that echoes, throws, or dies, as it is asked.
    await writeFile(
      join(work, 'echo-worker.mjs'),
      `import { threadId } from 'node:worker_threads';
       import { serveRequests } from ${JSON.stringify(pathToFileURL(compiled('serve-requests')).href)};
       serveRequests((request) => {
         if (request.exit) process.exit(3);
         if (request.fail) throw new Error(request.fail);
         return request.say + ' from ' + threadId;
       });`,
    );
    pool = startWorkerPool<Request, string>(
      pathToFileURL(join(work, 'echo-worker.mjs')),
      2,
      'Echoing',
    )!;
  });
  afterAll(async () => {
    await pool?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('answers each request, handing them to its threads in turn', async () => {
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((say) => pool.run({ say })));
    expect(answers.map((a) => a.split(' ')[0])).toEqual(['a', 'b', 'c', 'd']);
    expect(new Set(answers.map((a) => a.split(' from ')[1])).size).toBe(2);
  });

  it('fails a request whose work throws with the work named and the reason, and goes on', async () => {
    await expect(pool.run({ fail: 'no body' })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'Echoing failed: no body',
    });
    await expect(pool.run({ say: 'after' })).resolves.toMatch(/^after from /);
  });

  it('fails what a dying thread had and answers the next requests with a new thread', async () => {
    await expect(pool.run({ exit: true })).rejects.toMatchObject({ message: 'Echoing stopped' });
    const answers = await Promise.all(['x', 'y', 'z'].map((say) => pool.run({ say })));
    expect(answers.map((a) => a.split(' ')[0])).toEqual(['x', 'y', 'z']);
  });

  it('is not there when its compiled module is missing, so the caller works on its own thread', () => {
    expect(startWorkerPool(pathToFileURL(join(work, 'missing.mjs')), 1, 'Nothing')).toBeUndefined();
  });
});
