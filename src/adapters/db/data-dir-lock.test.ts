import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lockAddress, lockDataDir, readLockOwner, type DataDirLock } from './data-dir-lock.js';

/** The compiled lock, as the product runs it (`npm run build`). */
const compiled = fileURLToPath(
  new URL('../../../dist/src/adapters/db/data-dir-lock.js', import.meta.url),
);

/** Takes the lock and prints `locked`, then holds it until killed; or prints `refused`. */
const contender = `
const [modulePath, dataDir, platform] = process.argv.slice(-3);
const { lockDataDir } = await import(modulePath);
try {
  await lockDataDir(dataDir, platform);
  console.log('locked');
  setInterval(() => {}, 60_000);
} catch (error) {
  console.log(error.code === 'STORE_LOCKED' ? 'refused' : 'failed: ' + error.message);
}
`;

interface Contender {
  child: ChildProcess;
  /** The first line it printed. */
  outcome: Promise<string>;
}

function startContender(dataDir: string, platform = process.platform): Contender {
  const child = spawn(
    process.execPath,
    ['--input-type=module', '-e', contender, '--', compiled, dataDir, platform],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const outcome = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}) without a word: "${out}"`)));
  });
  return { child, outcome };
}

async function kill(contenders: Contender[]): Promise<void> {
  const running = contenders.filter(({ child }) => child.exitCode === null && !child.signalCode);
  await Promise.all(
    running.map(
      ({ child }) =>
        new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGKILL');
        }),
    ),
  );
}

/** A leftover owner file: a process id and nothing to say whether it is dead. */
const leftovers = {
  'no lock file': null,
  'a leftover lock file of a dead process': { pid: 2 ** 22 + 1, apiUrl: null, cliToken: null },
  'a leftover lock file naming a live process': { pid: 1, apiUrl: null, cliToken: null },
};

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tl-lock-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the data directory lock between processes', () => {
  beforeAll(() => {
    if (!existsSync(compiled)) throw new Error('dist is missing: run npm run build first');
  });

  it.each(Object.entries(leftovers))(
    'goes to exactly one of six processes started together, with %s',
    async (_, leftover) => {
      for (let round = 0; round < 3; round += 1) {
        if (leftover) await writeFile(join(dataDir, 'threadline.lock'), JSON.stringify(leftover));
        const contenders = Array.from({ length: 6 }, () => startContender(dataDir));
        try {
          const outcomes = await Promise.all(contenders.map((c) => c.outcome));
          expect(outcomes.sort()).toEqual(['locked', ...Array<string>(5).fill('refused')]);
        } finally {
          await kill(contenders);
        }
      }
    },
    60_000,
  );

  // On Linux the address is abstract; a socket file is what other Unixes get, and what a SIGKILL leaves behind.
  it.each(['linux', 'darwin'] as const)(
    'goes at once to the next process when its holder is killed with SIGKILL (%s address)',
    async (platform) => {
      const holder = startContender(dataDir, platform);
      expect(await holder.outcome).toBe('locked');
      const refused = startContender(dataDir, platform);
      expect(await refused.outcome).toBe('refused');
      await kill([holder]);
      const next = startContender(dataDir, platform);
      try {
        expect(await next.outcome).toBe('locked');
      } finally {
        await kill([next, refused]);
      }
    },
  );
});

describe('the data directory lock within a process', () => {
  let lock: DataDirLock | null = null;
  afterEach(async () => {
    await lock?.release();
    lock = null;
  });

  it('is taken over a lock file naming this very process, as after a container restart', async () => {
    await writeFile(join(dataDir, 'threadline.lock'), JSON.stringify({ pid: process.pid }));
    lock = await lockDataDir(dataDir);
    expect(await readLockOwner(dataDir)).toEqual({
      pid: process.pid,
      apiUrl: null,
      cliToken: null,
    });
  });

  it('refuses a second opener, naming the directory and how to go on', async () => {
    lock = await lockDataDir(dataDir);
    await lock.advertise('http://127.0.0.1:3000', 'tlc_secret');
    const refusal = lockDataDir(dataDir);
    await expect(refusal).rejects.toMatchObject({ code: 'STORE_LOCKED' });
    await expect(refusal).rejects.toThrow(
      `The data directory ${dataDir} is in use by threadline process ${process.pid}, serving http://127.0.0.1:3000`,
    );
    await expect(refusal).rejects.toThrow('CLI commands go through its API');
  });

  it('tells a CLI who serves the directory, and nobody once released', async () => {
    lock = await lockDataDir(dataDir);
    await lock.advertise('http://127.0.0.1:3000', 'tlc_secret');
    expect(await readLockOwner(dataDir)).toEqual({
      pid: process.pid,
      apiUrl: 'http://127.0.0.1:3000',
      cliToken: 'tlc_secret',
    });
    await lock.release();
    lock = null;
    expect(await readLockOwner(dataDir)).toBeNull();
    lock = await lockDataDir(dataDir);
  });

  it('reports nobody for a leftover lock file', async () => {
    await writeFile(join(dataDir, 'threadline.lock'), JSON.stringify({ pid: process.pid }));
    expect(await readLockOwner(dataDir)).toBeNull();
  });
});

describe('lockAddress', () => {
  it('is a name the kernel forgets on Linux, a pipe on Windows and a socket file elsewhere', () => {
    expect(lockAddress('/srv/tl', 'linux')).toMatch(/^\0threadline-lock-[0-9a-f]{32}$/);
    expect(lockAddress('/srv/tl', 'win32')).toMatch(/^\\\\\.\\pipe\\threadline-lock-[0-9a-f]{32}$/);
    expect(lockAddress('/srv/tl', 'darwin')).toBe(join('/srv/tl', 'threadline.sock'));
    expect(lockAddress('/srv/tl', 'linux')).not.toBe(lockAddress('/srv/tl2', 'linux'));
  });
});
