import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../test/support/backends.js';
import {
  mailWithAttachment,
  openPrivacyWorld,
  type PrivacyWorld,
} from '../../test/support/privacy-world.js';
import type { CommandContext } from './command-context.js';
import { privacyErase, privacyExport } from './privacy-commands.js';

const sheet = 'Grace’s sheet\n';

describe.each(testBackends())('threadline privacy on the %s backend', (backend) => {
  let world: PrivacyWorld;
  let outDir: string;
  let printed: string[];
  let errors: string[];
  let context: CommandContext;

  beforeAll(async () => {
    world = await openPrivacyWorld(backend);
    outDir = await mkdtemp(join(tmpdir(), 'threadline-person-'));
    await world.importMail(
      mailWithAttachment({
        id: '<sheet@acme.com>',
        from: 'grace.hopper@acme.com',
        to: 'rita@threadline.example',
        subject: 'Sheet',
        date: 'Mon, 03 Mar 2025 10:00:00 +0000',
        text: 'Attached.',
        filename: 'sheet.txt',
        content: sheet,
      }),
    );
    printed = [];
    errors = [];
    context = {
      app: world.core,
      out: (text) => printed.push(text),
      err: (text) => errors.push(text),
      interactive: false,
      signal: new AbortController().signal,
    };
  }, 60_000);
  afterAll(async () => {
    await world.close();
    await rm(outDir, { recursive: true, force: true });
  });

  it('export writes person.json and the attachment files it refers to', async () => {
    const code = await privacyExport.run(context, {
      address: 'Grace.Hopper@acme.com',
      out: outDir,
    });
    expect(code).toBe(0);
    const person = JSON.parse(await readFile(join(outDir, 'person.json'), 'utf8')) as {
      addresses: string[];
      messages: { messageId: string; attachments: { filename: string; file: string }[] }[];
    };
    expect(person.addresses).toEqual(['grace.hopper@acme.com', 'ghopper@acme.io']);
    const [message] = person.messages;
    expect(message?.messageId).toBe('<sheet@acme.com>');
    const hash = createHash('sha256').update(sheet).digest('hex');
    expect(message?.attachments).toEqual([
      expect.objectContaining({ filename: 'sheet.txt', file: `attachments/${hash}` }),
    ]);
    expect(await readFile(join(outDir, `attachments/${hash}`), 'utf8')).toBe(sheet);
    expect(await readdir(join(outDir, 'attachments'))).toEqual([hash]);
    expect(printed.join('')).toContain(
      '2 addresses, 1 contacts, 0 leads, 1 messages, 1 attachment files',
    );
  });

  it('erase refuses to run without --yes', async () => {
    expect(await privacyErase.run(context, { address: 'grace.hopper@acme.com', yes: false })).toBe(
      1,
    );
    expect(errors.join('')).toContain('--yes');
    expect(await world.core.database.query('SELECT id FROM messages')).toHaveLength(1);
  });

  it('erase with --yes erases and prints the report', async () => {
    printed.length = 0;
    expect(await privacyErase.run(context, { address: 'grace.hopper@acme.com', yes: true })).toBe(
      0,
    );
    expect(JSON.parse(printed.join(''))).toMatchObject({ messagesDeleted: 1, filesRemoved: 1 });
    expect(await world.core.database.query('SELECT id FROM messages')).toEqual([]);
  });
});
