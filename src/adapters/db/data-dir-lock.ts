import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ThreadlineError } from '../../core/errors.js';
import { isProcessAlive } from '../system/workers.js';

export interface LockOwner {
  pid: number;
  /** Where the owning process serves its API, so a CLI can go through it. */
  apiUrl: string | null;
  /** Secret the local CLI presents to that API; the file is readable by its owner only. */
  cliToken: string | null;
}

export interface DataDirLock {
  /** Records where this process now serves, for CLI commands to find it. */
  advertise(apiUrl: string, cliToken: string): Promise<void>;
  release(): Promise<void>;
}

const lockFileName = 'threadline.lock';

/** Who holds the data directory now, or null when nobody alive does. */
export async function readLockOwner(dataDir: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(join(dataDir, lockFileName), 'utf8')) as LockOwner;
    return isProcessAlive(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

/**
 * Takes exclusive ownership of an embedded data directory. Two processes on
 * one PGlite directory silently lose committed writes, so a second opener is
 * refused with STORE_LOCKED; a lock left by a dead process is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, lockFileName);
  const content = JSON.stringify({
    pid: process.pid,
    apiUrl: null,
    cliToken: null,
  } satisfies LockOwner);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(content);
      await handle.close();
      return {
        async advertise(apiUrl, cliToken) {
          const owner: LockOwner = { pid: process.pid, apiUrl, cliToken };
          await writeFile(path, JSON.stringify(owner), { mode: 0o600 });
        },
        async release() {
          await rm(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = await readLockOwner(dataDir);
      if (owner) {
        throw new ThreadlineError(
          'STORE_LOCKED',
          `The data directory ${dataDir} is in use by process ${owner.pid}` +
            (owner.apiUrl ? ` (serving ${owner.apiUrl})` : '') +
            '. Stop it first, or point DATABASE_URL at a PostgreSQL server.',
          owner,
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new ThreadlineError('STORE_LOCKED', `Could not lock the data directory ${dataDir}`);
}
