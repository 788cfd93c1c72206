import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { temporaryFolders } from '../test/support/temporary-folders.js';

const folders = temporaryFolders('tl-deps-');
afterAll(() => folders.removeAll());

/** The script's answer on a machine whose package database holds exactly `packages`. */
async function missingWith(packages: string[]): Promise<string[]> {
  const bin = await folders.dir();
  const dpkgQuery = join(bin, 'dpkg-query');
  // Answers `dpkg-query -W -f=FORMAT PACKAGE` as dpkg does: the status, or an error.
  await writeFile(
    dpkgQuery,
    `#!/bin/sh\nfor p in ${packages.join(' ')}; do [ "$3" = "$p" ] && printf installed && exit 0; done\nexit 1\n`,
  );
  await chmod(dpkgQuery, 0o755);
  const { stdout } = await promisify(execFile)('bash', ['scripts/missing-test-deps.sh'], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
  });
  return stdout.split('\n').filter(Boolean);
}

describe('the test dependencies check', () => {
  it('asks for the IMAP daemon on a machine with only dovecot-core', async () => {
    expect(await missingWith(['dovecot-core'])).toContain('dovecot-imapd');
  });

  it('asks for nothing of Dovecot once its IMAP daemon is installed', async () => {
    expect(await missingWith(['dovecot-core', 'dovecot-imapd'])).not.toContain('dovecot-imapd');
  });

  it('asks for the LMTP daemon the sending tests deliver through until it is installed', async () => {
    expect(await missingWith(['dovecot-core', 'dovecot-imapd'])).toContain('dovecot-lmtpd');
    expect(await missingWith(['dovecot-core', 'dovecot-imapd', 'dovecot-lmtpd'])).not.toContain(
      'dovecot-lmtpd',
    );
  });

  it('asks for dnsmasq until its binary package is installed', async () => {
    expect(await missingWith(['dovecot-core'])).toContain('dnsmasq-base');
    expect(await missingWith(['dnsmasq-base'])).not.toContain('dnsmasq-base');
  });

  it('asks for Radicale when its program is missing, for the CalDAV and CardDAV tests', async () => {
    const missing = await missingWith(['dovecot-core', 'dovecot-imapd']);
    expect(missing.includes('radicale')).toBe(!existsSync('/usr/bin/radicale'));
  });
});
