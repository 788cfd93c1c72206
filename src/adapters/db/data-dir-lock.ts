import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { ThreadlineError } from '../../core/errors.js';

export interface LockOwner {
  /** Null when the holder has not yet recorded itself. */
  pid: number | null;
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

/** Says who holds the lock; whether it is held is the socket's to say, never this file's. */
const ownerFileName = 'threadline.lock';

/**
 * Sockets are bound through the file system on platforms without abstract
 * ones, and an address longer than the kernel's limit (104 bytes on macOS)
 * would be cut short silently, naming another file.
 */
const longestSocketPath = 100;

/**
 * Where the lock of a data directory lives: an address only one socket at a
 * time can listen on, which the kernel frees when its process ends, however
 * it ends. On Linux a name in the abstract namespace and on Windows a named
 * pipe: neither leaves anything behind. Elsewhere a socket file in the data
 * directory, which a crash leaves behind; `lockDataDir` removes it once
 * nothing answers on it. Only there can two processes started in the same
 * instant over such a leftover both pass that check.
 *
 * @example
 * lockAddress('/var/lib/threadline', 'linux') // '\0threadline-lock-5c1e…'
 */
export function lockAddress(realDir: string, platform: NodeJS.Platform = process.platform): string {
  const hash = createHash('sha256').update(realDir).digest('hex').slice(0, 32);
  if (platform === 'linux') return `\0threadline-lock-${hash}`;
  if (platform === 'win32') return `\\\\.\\pipe\\threadline-lock-${hash}`;
  return join(realDir, 'threadline.sock');
}

/** Whether a process listens on the address now. */
function answers(address: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect(address, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') resolve(false);
      else reject(error);
    });
  });
}

/** Listens on the address, or returns null when another socket already does. */
function listenOn(address: string): Promise<Server | null> {
  return new Promise((resolve, reject) => {
    // Callers that connect only learn the lock is held; there is nothing to say to them.
    const server = createServer((socket) => socket.destroy());
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(null);
      else reject(error);
    });
    server.listen(address, () => {
      // The lock must not keep a finished CLI command alive.
      server.unref();
      resolve(server);
    });
  });
}

async function resolveDir(dataDir: string): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  return realpath(dataDir);
}

async function readOwnerFile(dir: string): Promise<LockOwner> {
  try {
    const owner = JSON.parse(
      await readFile(join(dir, ownerFileName), 'utf8'),
    ) as Partial<LockOwner>;
    return {
      pid: typeof owner.pid === 'number' ? owner.pid : null,
      apiUrl: owner.apiUrl ?? null,
      cliToken: owner.cliToken ?? null,
    };
  } catch {
    return { pid: null, apiUrl: null, cliToken: null };
  }
}

/** Who holds the data directory now, or null when no running process does. */
export async function readLockOwner(
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): Promise<LockOwner | null> {
  const dir = await resolveDir(dataDir);
  return (await answers(lockAddress(dir, platform))) ? readOwnerFile(dir) : null;
}

/** The refusal a second process gets, saying how to go on. */
export function dataDirInUse(dataDir: string, owner: LockOwner): ThreadlineError {
  const holder =
    (owner.pid === null ? 'another threadline process' : `threadline process ${owner.pid}`) +
    (owner.apiUrl ? `, serving ${owner.apiUrl}` : '');
  return new ThreadlineError(
    'STORE_LOCKED',
    `The data directory ${dataDir} is in use by ${holder}. One process at a time may open it: ` +
      'while `threadline start` runs, CLI commands go through its API; otherwise wait for the ' +
      'other command to finish or stop it, or set DATABASE_URL to share a PostgreSQL server.',
    owner,
  );
}

/**
 * Takes exclusive ownership of an embedded data directory. Two processes on
 * one PGlite directory silently lose committed writes, so a second opener is
 * refused with STORE_LOCKED. The operating system holds the lock (see
 * `lockAddress`), so processes started together cannot both take it, and a
 * process that died, even by SIGKILL, holds it no longer; what a leftover
 * owner file says does not matter. `platform` picks the kind of address.
 */
export async function lockDataDir(
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): Promise<DataDirLock> {
  const dir = await resolveDir(dataDir);
  const address = lockAddress(dir, platform);
  const onFileSystem = !address.startsWith('\0') && !address.startsWith('\\\\.\\pipe\\');
  if (onFileSystem && Buffer.byteLength(address) > longestSocketPath) {
    throw new Error(
      `The data directory path ${dir} is too long to hold its lock socket on this platform: ` +
        `use one under ${longestSocketPath - 'threadline.sock'.length - 1} bytes.`,
    );
  }
  const ownerFile = join(dir, ownerFileName);
  // A second attempt follows only when the holder went away in between.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const server = await listenOn(address);
    if (server) {
      const record = (owner: LockOwner) =>
        writeFile(ownerFile, JSON.stringify(owner), { mode: 0o600 });
      await record({ pid: process.pid, apiUrl: null, cliToken: null });
      return {
        advertise: (apiUrl, cliToken) => record({ pid: process.pid, apiUrl, cliToken }),
        async release() {
          // The file goes first: once the socket closes it belongs to the next holder.
          await rm(ownerFile, { force: true });
          await new Promise<void>((resolve) => server.close(() => resolve()));
        },
      };
    }
    if (await answers(address)) throw dataDirInUse(dataDir, await readOwnerFile(dir));
    if (onFileSystem) await rm(address, { force: true });
  }
  throw new ThreadlineError('STORE_LOCKED', `Could not lock the data directory ${dataDir}`);
}
