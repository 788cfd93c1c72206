import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { staleSources } from '../../test/support/stale-build.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'bin/threadline.js');
const fixtures = 'test/fixtures/meetings';

/** Runs the built command in the repository, as a user would; needs `npm run build` (dist/). */
async function run(...args: string[]): Promise<{ code: number; lines: unknown[]; stderr: string }> {
  expect(staleSources(root, 'cli/threadline.js')).toEqual([]);
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], {
      cwd: root,
    });
    return { code: 0, lines: parseLines(stdout), stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, lines: parseLines(stdout), stderr };
  }
}

function parseLines(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as unknown);
}

describe('threadline meetings parse --jsonl', () => {
  it('prints one line per calendar object under the path as given, and exits 0 despite broken messages', async () => {
    const { code, lines } = await run('meetings', 'parse', fixtures, '--jsonl');
    expect(code).toBe(0);
    expect(lines).toHaveLength(16);
    expect(lines).toContainEqual(
      expect.objectContaining({
        file: join(fixtures, 'outlook-cancel.eml'),
        method: 'CANCEL',
        status: 'CANCELLED',
      }),
    );
    expect(lines).toContainEqual({
      file: join(fixtures, 'broken-no-dtstart.eml'),
      messageId: 'no-dtstart.1741165203@scheduler.fourthcoffee.example',
      error: 'VEVENT booking-55015@scheduler.fourthcoffee.example: no DTSTART',
    });
  });

  it('writes the fields in the contract’s order', async () => {
    const { lines } = await run(
      'meetings',
      'parse',
      join(fixtures, 'google-meet-request.eml'),
      '--jsonl',
    );
    expect(Object.keys(lines[0] as object)).toEqual([
      'file',
      'messageId',
      'method',
      'uid',
      'sequence',
      'recurrenceId',
      'allDay',
      'start',
      'end',
      'timeZone',
      'summary',
      'location',
      'onlineUrl',
      'organizer',
      'attendees',
      'status',
      'rrule',
    ]);
  });

  it('exits non-zero when the path itself cannot be read, after saying so on its line', async () => {
    const missing = join(fixtures, 'no-such-file.eml');
    const { code, lines } = await run('meetings', 'parse', missing, '--jsonl');
    expect(code).toBe(1);
    expect(lines).toEqual([{ file: missing, messageId: null, error: 'no such file or directory' }]);
  });

  it('refuses to run without --jsonl', async () => {
    const { code, stderr } = await run('meetings', 'parse', fixtures);
    expect(code).not.toBe(0);
    expect(stderr).toContain("required option '--jsonl' not specified");
  });
});
