import { createReadStream, existsSync, linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { ThreadlineError } from '../../core/errors.js';

/**
 * Attachments stored once by the SHA-256 of their content, under
 * `<data dir>/attachments/ab/cd/<hash>`: the same file mailed to ten people
 * takes the space of one.
 */
export interface AttachmentStore {
  /** Stores the bytes under their hash unless already there. */
  put(sha256: string, content: Uint8Array): Promise<void>;
  open(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  remove(sha256: string): Promise<void>;
}

const hashPattern = /^[0-9a-f]{64}$/;

export function createAttachmentStore(root: string): AttachmentStore {
  const pathOf = (sha256: string) => {
    // The hash names a path: anything else could walk out of the store.
    if (!hashPattern.test(sha256)) {
      throw new ThreadlineError('VALIDATION_FAILED', `Not a SHA-256 hash: ${sha256.slice(0, 80)}`);
    }
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const exists = (path: string) =>
    stat(path).then(
      () => true,
      () => false,
    );

  return {
    // Synchronous calls, in a promise: a sync commits a batch's files before
    // its rows, while the same thread prepares the next batch. Each of the
    // five asynchronous steps per file waited for that work to yield, and a
    // batch's few files took 50 to 60 ms to write that way; written at once,
    // small files go into the page cache in microseconds (a file at the size
    // limit holds the thread for the few milliseconds its copy takes).
    async put(sha256, content) {
      const target = pathOf(sha256);
      if (existsSync(target)) return;
      mkdirSync(dirname(target), { recursive: true });
      // Written aside, then linked into place: a reader never sees half a file,
      // and two writers of the same content cannot clash.
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      writeFileSync(temporary, content, { mode: 0o600 });
      try {
        linkSync(temporary, target);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        rmSync(temporary, { force: true });
      }
    },
    async open(sha256) {
      const path = pathOf(sha256);
      if (!(await exists(path))) throw new ThreadlineError('NOT_FOUND', 'No such attachment');
      return createReadStream(path);
    },
    has: (sha256) => exists(pathOf(sha256)),
    async remove(sha256) {
      await rm(pathOf(sha256), { force: true });
    },
  };
}
