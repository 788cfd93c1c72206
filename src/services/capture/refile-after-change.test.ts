import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/backends.js';
import { openTestApp } from '../../../test/support/test-app.js';
import type { App } from '../../app/open-app.js';
import { nothingToRefile, type RefileScope } from '../../core/capture/refile-scope.js';
import { importCrmDirectory } from '../crm-csv/import-crm.js';
import { exportMessages, type ExportedMessage } from '../export/export-messages.js';
import { importMailFiles } from './import-mail-files.js';
import { refileMessages } from './reevaluate.js';
import { changeAndRefile } from './refile-after-change.js';

const mbox = (...messages: string[]) =>
  messages.map((m) => `From sender@example Mon Mar  3 10:00:00 2025\n${m}\n`).join('\n');

const message = (headers: Record<string, string>, body: string) =>
  [...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), '', body].join('\n');

const intro = message(
  {
    From: 'Nina Newcomer <nina@newco.example>',
    To: 'rita@threadline.example',
    Subject: 'Introduction',
    Date: 'Mon, 03 Mar 2025 10:00:00 +0000',
    'Message-ID': '<intro@newco.example>',
  },
  'Hi Rita, I have just joined Newco and would like to talk about your platform.',
);
// In Nina's thread without Nina: decided again with the thread it belongs to.
const forward = message(
  {
    From: 'Rita <rita@threadline.example>',
    To: 'sam@partner.example',
    Subject: 'Fwd: Introduction',
    Date: 'Mon, 03 Mar 2025 12:00:00 +0000',
    'Message-ID': '<fwd@threadline.example>',
    'In-Reply-To': '<intro@newco.example>',
    References: '<intro@newco.example>',
  },
  'Sam, can you look at this?',
);
const fromSubdomain = message(
  {
    From: 'Otto <otto@eu.elsewhere.example>',
    To: 'rita@threadline.example',
    Subject: 'Pricing',
    Date: 'Tue, 04 Mar 2025 09:00:00 +0000',
    'Message-ID': '<pricing@elsewhere.example>',
  },
  'Could you send us your price list?',
);
const aboutTicket = message(
  {
    From: 'Una <una@unknown.example>',
    To: 'rita@threadline.example',
    Subject: 'Re: Ticket 77123 still open',
    Date: 'Wed, 05 Mar 2025 09:00:00 +0000',
    'Message-ID': '<ticket@unknown.example>',
  },
  'Any news?',
);

describe.each(testBackends())('re-filing only the mail a CRM change concerns (%s)', (backend) => {
  let core: App;
  let dir: string;

  beforeEach(async () => {
    core = await openTestApp(backend);
    dir = await mkdtemp(join(tmpdir(), 'threadline-refile-'));
    expect((await importCrmDirectory(core.database, 'test/fixtures/crm/realistic')).errors).toEqual(
      [],
    );
    await core.directory.invalidate();
    const rita = await core.mailboxes.importMailboxOf('rita@threadline.example');
    await writeFile(join(dir, 'rita.mbox'), mbox(intro, forward, fromSubdomain, aboutTicket));
    await importMailFiles(
      [join(dir, 'rita.mbox')],
      rita,
      (m, items) => core.ingest.ingestBatch(m, items),
      {},
    );
  });
  afterEach(async () => {
    await core.close();
    await rm(dir, { recursive: true });
  });

  const exported = async (messageId: string): Promise<ExportedMessage | undefined> => {
    for await (const line of exportMessages(core.database, { ownerId: null }))
      if (line.messageId === messageId) return line;
    return undefined;
  };
  const importCsv = async (file: string, csv: string) => {
    const crm = await mkdtemp(join(dir, 'crm-'));
    await mkdir(crm, { recursive: true });
    await writeFile(join(crm, file), csv);
    const report = await importCrmDirectory(core.database, crm);
    expect(report.errors).toEqual([]);
  };
  const refile = async (scope: Partial<RefileScope>) =>
    refileMessages(core.database, await core.directory.current(), {
      ...nothingToRefile,
      ...scope,
    });

  it('decides again the mail of a new contact’s address and the rest of its thread, nothing else', async () => {
    // A record added behind re-filing's back: only a change that concerns it may file its mail.
    await importCsv(
      'accounts.csv',
      'external_id,name,domains\nACC-900,Elsewhere Ltd,elsewhere.example\n',
    );
    const { counts, scope } = await changeAndRefile(core, () =>
      importCsv(
        'contacts.csv',
        'external_id,account_external_id,first_name,last_name,emails\nCON-900,,Nina,Newcomer,nina@newco.example\n',
      ),
    );

    expect(scope).toEqual({ ...nothingToRefile, addresses: ['nina@newco.example'] });
    expect(counts).toMatchObject({ messages: 2, nowCaptured: 1 });
    expect(await exported('<intro@newco.example>')).toMatchObject({ captured: true });
    expect((await exported('<pricing@elsewhere.example>'))?.captured).toBe(false);
  });

  it('finds mail from a domain’s subdomains, and a record named in a subject', async () => {
    expect((await refile({ domains: ['elsewhere.example'] })).messages).toBe(1);
    expect((await refile({ domains: ['lsewhere.example'] })).messages).toBe(0);
    expect((await refile({ subjectTerms: ['77123'] })).messages).toBe(1);
    expect((await refile({ addresses: ['nobody@nowhere.example'] })).messages).toBe(0);
  });

  it('files mail from an account’s domain once the account is added', async () => {
    const { counts } = await changeAndRefile(core, () =>
      importCsv(
        'accounts.csv',
        'external_id,name,domains\nACC-900,Elsewhere Ltd,elsewhere.example\n',
      ),
    );

    expect(counts).toMatchObject({ messages: 1, nowCaptured: 1 });
    expect((await exported('<pricing@elsewhere.example>'))?.links).toEqual([
      expect.objectContaining({ type: 'account', externalId: 'ACC-900' }),
    ]);
    expect((await exported('<intro@newco.example>'))?.captured).toBe(false);
  });

  it('reads no mail for a change that concerns none, and re-decides nothing on an unchanged import', async () => {
    const unchanged = await changeAndRefile(core, async () => {
      expect(
        (await importCrmDirectory(core.database, 'test/fixtures/crm/realistic')).errors,
      ).toEqual([]);
    });

    expect(unchanged.scope).toEqual(nothingToRefile);
    expect(unchanged.counts.messages).toBe(0);
  });
});
