import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { expect, it } from 'vitest';

interface Manifest {
  name: string;
  version: string;
  engines?: { node?: string };
}

const manifest = async (dir: string) =>
  JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Manifest;

it('runs every runtime dependency, however deep, on the oldest Node package.json admits', async () => {
  const oldest = semver.minVersion((await manifest('.')).engines?.node ?? '');
  expect(oldest?.version).toMatch(/^\d+\.\d+\.\d+$/);
  const { stdout } = await promisify(execFile)(
    'npm',
    ['ls', '--omit=dev', '--all', '--parseable'],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const dirs = stdout.split('\n').filter(Boolean).slice(1);
  expect(dirs.length).toBeGreaterThan(50);
  const refusing = (await Promise.all(dirs.map(manifest))).flatMap(({ name, version, engines }) =>
    engines?.node && !semver.satisfies(oldest!, engines.node)
      ? [`${name}@${version} needs Node ${engines.node}`]
      : [],
  );
  expect([...new Set(refusing)]).toEqual([]);
});
