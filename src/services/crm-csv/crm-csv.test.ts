import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../adapters/db/database.js';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../test/support/test-database.js';
import { temporaryFolders } from '../../../test/support/temporary-folders.js';
import { crmCsvFiles, type ImportReport } from './crm-csv-files.js';
import { exportCrmDirectory } from './export-crm.js';
import { importCrmDirectory } from './import-crm.js';

const realistic = 'test/fixtures/crm/realistic';
const realisticExport = 'test/fixtures/crm/realistic-export';
const firstImport = new Date('2025-03-01T09:00:00Z');
const later = new Date('2025-03-08T09:00:00Z');

const folders = temporaryFolders('threadline-crm-csv-');
const { folder } = folders;

const exported = async (database: Database) => {
  const dir = await folders.dir();
  await exportCrmDirectory(database, dir);
  return dir;
};
const fileText = (dir: string, file: string) => readFile(join(dir, file), 'utf8');
const countsOf = (report: ImportReport) => report.files;

const users = `email,name,role,manager_email
ada@acme.example,Ada,admin,
rita@acme.example,Rita,rep,ada@acme.example
`;
const accounts = `external_id,name,domains
ACC-1,Acme,acme.example
`;

describe.each(testBackends())('CRM CSV import and export on the %s backend', (backend) => {
  let handle: TestDatabase;
  let database: Database;
  const importAt = (dir: string, at: Date) => importCrmDirectory(database, dir, { now: () => at });

  beforeEach(async () => {
    handle = await openTestDatabase(backend);
    database = handle.database;
  });
  afterEach(async () => {
    await handle.drop();
    await folders.removeAll();
  });

  it('imports a realistic folder and exports exactly the expected files', async () => {
    const report = await importAt(realistic, firstImport);

    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.files).toEqual({
      'settings.csv': { created: 2, updated: 0, unchanged: 0, failed: 0 },
      'users.csv': { created: 4, updated: 0, unchanged: 0, failed: 0 },
      'accounts.csv': { created: 4, updated: 0, unchanged: 0, failed: 0 },
      'contacts.csv': { created: 4, updated: 0, unchanged: 0, failed: 0 },
      'leads.csv': { created: 2, updated: 0, unchanged: 0, failed: 0 },
      'deals.csv': { created: 4, updated: 0, unchanged: 0, failed: 0 },
      'cases.csv': { created: 2, updated: 0, unchanged: 0, failed: 0 },
      'blocklist.csv': { created: 4, updated: 0, unchanged: 0, failed: 0 },
    });
    const dir = await exported(database);
    for (const file of crmCsvFiles) {
      expect(await fileText(dir, file), file).toBe(await fileText(realisticExport, file));
    }
  });

  it('round-trips: importing an export into an empty store exports the same files', async () => {
    await importAt(realistic, firstImport);
    const first = await exported(database);
    const other = await openTestDatabase(backend);
    try {
      const report = await importCrmDirectory(other.database, first);
      expect(report.errors).toEqual([]);
      const second = await exported(other.database);
      for (const file of crmCsvFiles) {
        expect(await fileText(second, file), file).toBe(await fileText(first, file));
      }
    } finally {
      await other.drop();
    }
  });

  it('changes nothing on a second import of the same files, not even updated_at', async () => {
    await importAt(realistic, firstImport);
    const snapshot = () =>
      database.query(
        `SELECT (SELECT json_agg(t ORDER BY t.external_id) FROM (SELECT external_id, updated_at FROM accounts
           UNION ALL SELECT external_id, updated_at FROM contacts UNION ALL SELECT external_id, updated_at FROM leads
           UNION ALL SELECT external_id, updated_at FROM deals UNION ALL SELECT external_id, updated_at FROM cases) t) AS stamps,
         (SELECT count(*) FROM users) + (SELECT count(*) FROM user_aliases) + (SELECT count(*) FROM blocklist)
           + (SELECT count(*) FROM settings) + (SELECT count(*) FROM account_domains)
           + (SELECT count(*) FROM contact_emails) + (SELECT count(*) FROM deal_team) AS rows`,
      );
    const before = await snapshot();

    const report = await importAt(realistic, later);

    expect(report.errors).toEqual([]);
    for (const counts of Object.values(countsOf(report))) {
      expect(counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
    }
    expect(Object.values(countsOf(report)).reduce((n, c) => n + c.unchanged, 0)).toBe(26);
    expect(await snapshot()).toEqual(before);
  });

  it('normalises addresses and domains: mixed case, spaces around ";", Unicode', async () => {
    await importAt(realistic, firstImport);

    expect(
      await database.query(
        `SELECT e.address, e.position FROM contact_emails e JOIN contacts c ON c.id = e.contact_id
         WHERE c.external_id = 'CON-001' ORDER BY e.position`,
      ),
    ).toEqual([
      { address: 'grace.hopper@acme.com', position: 0 },
      { address: 'ghopper@acme.io', position: 1 },
    ]);
    expect(
      await database.query(
        `SELECT d.domain FROM account_domains d JOIN accounts a ON a.id = d.account_id
         WHERE a.external_id = 'ACC-003'`,
      ),
    ).toEqual([{ domain: 'xn--mller-maschinen-zvb.de' }]);
    expect(
      await database.query(`SELECT key, value FROM settings ORDER BY key COLLATE "C"`),
    ).toEqual([
      { key: 'company_name', value: 'Threadline Demo GmbH' },
      { key: 'internal_domains', value: ['threadline.example', 'threadline-labs.example'] },
    ]);
  });

  it('resolves managers and parents that appear later in the same file', async () => {
    await importAt(realistic, firstImport);

    expect(
      await database.query(
        `SELECT u.email, m.email AS manager FROM users u LEFT JOIN users m ON m.id = u.manager_id
         ORDER BY u.email`,
      ),
    ).toEqual([
      { email: 'ada@threadline.example', manager: null },
      { email: 'max@threadline.example', manager: 'ada@threadline.example' },
      { email: 'ravi@threadline.example', manager: 'max@threadline.example' },
      { email: 'rita@threadline.example', manager: 'max@threadline.example' },
    ]);
    expect(
      await database.query(
        `SELECT a.external_id AS account, p.external_id AS parent FROM accounts a
         LEFT JOIN accounts p ON p.id = a.parent_id ORDER BY a.external_id`,
      ),
    ).toEqual([
      { account: 'ACC-001', parent: null },
      { account: 'ACC-002', parent: 'ACC-001' },
      { account: 'ACC-003', parent: null },
      { account: 'ACC-004', parent: 'ACC-002' },
    ]);
  });

  it('imports users without passwords and keeps the password of an existing user', async () => {
    await database.query(
      `INSERT INTO users (email, name, role, password_hash) VALUES ('ada@threadline.example', 'Ada', 'admin', 'hash')`,
    );
    await importAt(realistic, firstImport);
    expect(
      await database.query(`SELECT email, password_hash AS hash FROM users ORDER BY email`),
    ).toEqual([
      { email: 'ada@threadline.example', hash: 'hash' },
      { email: 'max@threadline.example', hash: null },
      { email: 'ravi@threadline.example', hash: null },
      { email: 'rita@threadline.example', hash: null },
    ]);
  });

  it('updates edited records in place, replacing lists in their new order', async () => {
    await importAt(realistic, firstImport);
    const edited = await folder({
      'accounts.csv': `external_id,name,domains,parent_external_id,owner_email
ACC-001,Acme Corporation,acme.io;acme.com,,max@threadline.example
ACC-004,Acme Labs,labs.acme.com,ACC-001,
`,
      'contacts.csv': `external_id,account_external_id,first_name,last_name,emails,title,country,owner_email
CON-001,ACC-001,Grace,Hopper,ghopper@acme.io,CTO,US,rita@threadline.example
CON-002,ACC-002,Jürgen,Klein,juergen.klein@acme.de,"Head of ""Procurement"", EMEA",DE,rita@threadline.example
`,
      'deals.csv': `external_id,name,status,amount,contact_external_ids,team_emails
DEAL-001,Acme platform renewal,won,1200.5,CON-002;CON-001,max@threadline.example
DEAL-002,Acme EU expansion,open,48000,CON-002,rita@threadline.example
`,
    });

    const report = await importAt(edited, later);

    expect(report.errors).toEqual([]);
    expect(report.files).toEqual({
      'accounts.csv': { created: 0, updated: 2, unchanged: 0, failed: 0 },
      'contacts.csv': { created: 0, updated: 1, unchanged: 1, failed: 0 },
      'deals.csv': { created: 0, updated: 2, unchanged: 0, failed: 0 },
    });
    const dir = await exported(database);
    expect(await fileText(dir, 'accounts.csv')).toContain(
      'ACC-001,Acme Corporation,acme.io;acme.com,,max@threadline.example\n',
    );
    expect(await fileText(dir, 'accounts.csv')).toContain(
      'ACC-004,Acme Labs,labs.acme.com,ACC-001,\n',
    );
    expect(await fileText(dir, 'contacts.csv')).toContain(
      'CON-001,ACC-001,Grace,Hopper,ghopper@acme.io,CTO,US,rita@threadline.example\n',
    );
    // Columns the edited file leaves out are emptied: each row states the whole record.
    expect(await fileText(dir, 'deals.csv')).toContain(
      'DEAL-001,,Acme platform renewal,,won,1200.5,,CON-002;CON-001,,max@threadline.example,,,\n',
    );
    expect(
      await database.query(
        `SELECT external_id, updated_at, closed_at FROM deals WHERE external_id IN ('DEAL-001', 'DEAL-002')
         UNION ALL SELECT external_id, updated_at, NULL FROM contacts WHERE external_id IN ('CON-001', 'CON-002')
         ORDER BY external_id`,
      ),
    ).toEqual([
      { external_id: 'CON-001', updated_at: later, closed_at: null },
      { external_id: 'CON-002', updated_at: firstImport, closed_at: null },
      { external_id: 'DEAL-001', updated_at: later, closed_at: null },
      { external_id: 'DEAL-002', updated_at: later, closed_at: null },
    ]);
  });

  it('imports and exports a deal’s currency and dates; a closed deal without closed_at has none', async () => {
    const dir = await folder({
      'deals.csv': `external_id,name,status,currency,expected_close_at,closed_at
D-1,Signed,won,eur,2025-03-15,2025-03-31T17:30:00+02:00
D-2,Lost long ago,lost,,,
D-3,Open,open,CHF,2025-06-30T12:00Z,
D-4,Bad,won,EURO,31.03.2025,
`,
    });

    const report = await importAt(dir, later);

    expect(report.errors).toEqual([
      {
        file: 'deals.csv',
        line: 5,
        column: 'currency',
        reason: 'not an ISO 4217 currency code: "EURO"',
      },
      {
        file: 'deals.csv',
        line: 5,
        column: 'expected_close_at',
        reason: 'not an ISO 8601 date or date and time: "31.03.2025"',
      },
    ]);
    expect(
      await database.query(
        `SELECT external_id, currency, expected_close_at, closed_at FROM deals ORDER BY external_id`,
      ),
    ).toEqual([
      {
        external_id: 'D-1',
        currency: 'EUR',
        expected_close_at: new Date('2025-03-15T00:00:00Z'),
        closed_at: new Date('2025-03-31T15:30:00Z'),
      },
      { external_id: 'D-2', currency: null, expected_close_at: null, closed_at: null },
      {
        external_id: 'D-3',
        currency: 'CHF',
        expected_close_at: new Date('2025-06-30T12:00:00Z'),
        closed_at: null,
      },
    ]);
    const exportedDir = await exported(database);
    expect(await fileText(exportedDir, 'deals.csv')).toContain(
      'D-1,,Signed,,won,,,,,,EUR,2025-03-15T00:00:00.000Z,2025-03-31T15:30:00.000Z\n',
    );
    expect((await importAt(exportedDir, later)).files['deals.csv']).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      failed: 0,
    });
  });

  it('reports each bad row with line, column and reason, and imports the good rows', async () => {
    const dir = await folder({
      'users.csv': users,
      'accounts.csv': accounts,
      'contacts.csv': `external_id,account_external_id,emails,owner_email
C-1,ACC-1,good@acme.example,rita@acme.example
C-2,ACC-1,not-an-address,
C-3,ACC-404,c3@acme.example,
C-1,ACC-1,again@acme.example,
C-4,ACC-1,c4@acme.example,nobody@acme.example
C-5,,c5@acme.example,
`,
      'deals.csv': `external_id,name,status,amount,team_emails
D-1,Good deal,won,10,rita@acme.example
D-2,Bad status,pending,10,
D-3,Bad amount,open,"1,200",
D-4,,open,,
D-5,Short row,open
`,
    });

    const report = await importAt(dir, firstImport);

    expect(report.errors).toEqual([
      {
        file: 'contacts.csv',
        line: 3,
        column: 'emails',
        reason: 'not a valid email address: "not-an-address"',
      },
      {
        file: 'contacts.csv',
        line: 5,
        column: 'external_id',
        reason: 'duplicate external_id "C-1" (first on line 2)',
      },
      {
        file: 'contacts.csv',
        line: 4,
        column: 'account_external_id',
        reason: 'unknown account "ACC-404"',
      },
      {
        file: 'contacts.csv',
        line: 6,
        column: 'owner_email',
        reason: 'unknown user "nobody@acme.example"',
      },
      {
        file: 'deals.csv',
        line: 3,
        column: 'status',
        reason: 'must be one of open, won, lost, not "pending"',
      },
      {
        file: 'deals.csv',
        line: 4,
        column: 'amount',
        reason: 'not an amount (a number with at most 2 decimals): "1,200"',
      },
      { file: 'deals.csv', line: 5, column: 'name', reason: 'name is required' },
      { file: 'deals.csv', line: 6, column: null, reason: 'expected 5 fields, found 3' },
    ]);
    expect(report.files['contacts.csv']).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      failed: 4,
    });
    expect(report.files['deals.csv']).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 4 });
    expect(await database.query(`SELECT external_id FROM contacts ORDER BY external_id`)).toEqual([
      { external_id: 'C-1' },
      { external_id: 'C-5' },
    ]);
  });

  it('rejects rows whose same-file reference points at a row that failed', async () => {
    const dir = await folder({
      'accounts.csv': `external_id,name,parent_external_id
A-1,Top,
A-2,,A-1
A-3,Grandchild,A-2
`,
    });
    const report = await importAt(dir, firstImport);
    expect(report.errors).toEqual([
      { file: 'accounts.csv', line: 3, column: 'name', reason: 'name is required' },
      {
        file: 'accounts.csv',
        line: 4,
        column: 'parent_external_id',
        reason: 'unknown account "A-2"',
      },
    ]);
    expect(report.files['accounts.csv']).toMatchObject({ created: 1, failed: 2 });
  });

  it('counts physical lines, so rows after a quoted multi-line field are reported where they are', async () => {
    const dir = await folder({
      'cases.csv': `external_id,number,subject,status
K-1,1,"Printer on fire:
first floor,
second floor",open
K-2,2,Fine,reopened
`,
    });
    const report = await importAt(dir, firstImport);
    expect(report.errors).toEqual([
      {
        file: 'cases.csv',
        line: 5,
        column: 'status',
        reason: 'must be one of open, closed, not "reopened"',
      },
    ]);
    expect(await database.query(`SELECT subject FROM cases`)).toEqual([
      { subject: 'Printer on fire:\nfirst floor,\nsecond floor' },
    ]);
  });

  it('changes nothing for a file that cannot be read, and still imports the other files', async () => {
    await importAt(await folder({ 'accounts.csv': accounts }), firstImport);
    const dir = await folder({
      'accounts.csv': `external_id,name\nACC-1,Renamed\nACC-2,"Unterminated\nACC-3,Never\n`,
      'contacts.csv': `first_name,emails\nAda,ada@acme.example\n`,
      'leads.csv': Uint8Array.from([...Buffer.from('external_id,company\nL-1,M'), 0xfc, 0x6c]),
      'cases.csv': `external_id,number\nK-1,1\n`,
    });

    const report = await importAt(dir, later);

    expect(report.errors).toEqual([
      {
        file: 'accounts.csv',
        line: 3,
        column: null,
        reason: expect.stringContaining('Quote Not Closed') as string,
      },
      {
        file: 'contacts.csv',
        line: 1,
        column: null,
        reason: 'missing required column external_id',
      },
      { file: 'leads.csv', line: 2, column: null, reason: 'not valid UTF-8' },
    ]);
    expect(report.files['accounts.csv']).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
    });
    expect(report.files['cases.csv']).toMatchObject({ created: 1 });
    expect(await database.query(`SELECT external_id, name FROM accounts`)).toEqual([
      { external_id: 'ACC-1', name: 'Acme' },
    ]);
    expect(await database.query(`SELECT 1 FROM contacts UNION ALL SELECT 1 FROM leads`)).toEqual(
      [],
    );
  });

  it('warns once per file about an unknown column and ignores it', async () => {
    const dir = await folder({
      'leads.csv': `external_id,Favourite_Colour,company\nL-1,blue,Initech\nL-2,green,Globex\n`,
    });
    const report = await importAt(dir, firstImport);
    expect(report.warnings).toEqual([
      { file: 'leads.csv', line: 1, column: 'favourite_colour', reason: 'unknown column, ignored' },
    ]);
    expect(report.files['leads.csv']).toMatchObject({ created: 2, failed: 0 });
  });

  it('refuses an alias that belongs to another user, and moves one between users of the file', async () => {
    await importAt(
      await folder({
        'users.csv': `email,aliases\nada@acme.example,hi@acme.example\nbob@acme.example,\n`,
      }),
      firstImport,
    );
    const report = await importAt(
      await folder({
        'users.csv': `email,aliases
cy@acme.example,ada@acme.example
bob@acme.example,hi@acme.example
ada@acme.example,
`,
      }),
      later,
    );
    expect(report.errors).toEqual([
      {
        file: 'users.csv',
        line: 2,
        column: 'aliases',
        reason: 'ada@acme.example is the address of another user',
      },
    ]);
    expect(
      await database.query(
        `SELECT a.address, u.email FROM user_aliases a JOIN users u ON u.id = a.user_id`,
      ),
    ).toEqual([{ address: 'hi@acme.example', email: 'bob@acme.example' }]);
  });

  it('stops before writing anything when the signal is already aborted', async () => {
    await expect(
      importCrmDirectory(database, realistic, { signal: AbortSignal.abort() }),
    ).rejects.toThrow();
    expect(await database.query(`SELECT 1 FROM settings UNION ALL SELECT 1 FROM users`)).toEqual(
      [],
    );
  });

  it('writes all eight files with headers even when the store is empty', async () => {
    const dir = await exported(database);
    expect(await fileText(dir, 'deals.csv')).toBe(
      'external_id,account_external_id,name,stage,status,amount,product,contact_external_ids,owner_email,team_emails,currency,expected_close_at,closed_at\n',
    );
    expect(await fileText(dir, 'blocklist.csv')).toBe('owner_email,pattern\n');
    for (const file of crmCsvFiles) expect((await fileText(dir, file)).split('\n')).toHaveLength(2);
  });

  it.runIf(backend === 'embedded')('imports 20,000 contacts in one go', async () => {
    const lines = Array.from(
      { length: 20_000 },
      (_, i) => `C-${i},First ${i},Last ${i},person${i}@example.com;p${i}@example.org`,
    );
    const dir = await folder({
      'contacts.csv': `external_id,first_name,last_name,emails\n${lines.join('\n')}\n`,
    });
    const report = await importAt(dir, firstImport);
    expect(report.files['contacts.csv']).toEqual({
      created: 20_000,
      updated: 0,
      unchanged: 0,
      failed: 0,
    });
    expect(await database.query(`SELECT count(*) AS n FROM contact_emails`)).toEqual([
      { n: 40_000 },
    ]);
  });
});
