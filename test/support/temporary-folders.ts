import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Temporary folders for a test's files, removed together by `removeAll`. */
export function temporaryFolders(prefix: string) {
  const dirs: string[] = [];
  const dir = async (): Promise<string> => {
    const created = await mkdtemp(join(tmpdir(), prefix));
    dirs.push(created);
    return created;
  };
  return {
    dir,
    /** A folder holding exactly these files. */
    folder: async (files: Record<string, string | Uint8Array>): Promise<string> => {
      const created = await dir();
      for (const [name, content] of Object.entries(files)) {
        await writeFile(join(created, name), content);
      }
      return created;
    },
    removeAll: async (): Promise<void> => {
      await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}
