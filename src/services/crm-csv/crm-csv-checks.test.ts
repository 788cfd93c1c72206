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
import { crmCsvFiles } from './crm-csv-files.js';
import { exportCrmDirectory } from './export-crm.js';
import { importCrmDirectory } from './import-crm.js';

const folders = temporaryFolders('threadline-crm-checks-');

const team = `email,role,manager_email
ada@acme.example,admin,
bob@acme.example,manager,ada@acme.example
cy@acme.example,rep,bob@acme.example
`;

describe.each(testBackends())('CRM CSV import refuses bad data on the %s backend', (backend) => {
  let handle: TestDatabase;
  let database: Database;
  const importFiles = async (files: Record<string, string>) =>
    importCrmDirectory(database, await folders.folder(files));

  beforeEach(async () => {
    handle = await openTestDatabase(backend);
    database = handle.database;
  });
  afterEach(async () => {
    await handle.drop();
    await folders.removeAll();
  });

  it('refuses a manager that closes a cycle, in the file or through stored users', async () => {
    await importFiles({ 'users.csv': team });
    const report = await importFiles({
      'users.csv': `email,role,manager_email
ada@acme.example,admin,cy@acme.example
dan@acme.example,rep,eve@acme.example
eve@acme.example,rep,dan@acme.example
fay@acme.example,rep,eve@acme.example
`,
    });
    expect(report.errors).toEqual([
      {
        file: 'users.csv',
        line: 2,
        column: 'manager_email',
        reason:
          'closes a cycle: ada@acme.example → cy@acme.example → bob@acme.example → ada@acme.example',
      },
      {
        file: 'users.csv',
        line: 4,
        column: 'manager_email',
        reason: 'closes a cycle: eve@acme.example → dan@acme.example → eve@acme.example',
      },
      // Without eve, whom the cycle took out, dan's manager does not exist.
      {
        file: 'users.csv',
        line: 3,
        column: 'manager_email',
        reason: 'unknown user "eve@acme.example"',
      },
      {
        file: 'users.csv',
        line: 5,
        column: 'manager_email',
        reason: 'unknown user "eve@acme.example"',
      },
    ]);
    expect(
      await database.query(
        `SELECT u.email, m.email AS manager FROM users u LEFT JOIN users m ON m.id = u.manager_id
         ORDER BY u.email`,
      ),
    ).toEqual([
      { email: 'ada@acme.example', manager: null },
      { email: 'bob@acme.example', manager: 'ada@acme.example' },
      { email: 'cy@acme.example', manager: 'bob@acme.example' },
    ]);
  });

  it('refuses a parent that closes a cycle, and accepts a hierarchy turned around whole', async () => {
    await importFiles({
      'accounts.csv': `external_id,name,parent_external_id\nA-1,Top,\nA-2,Middle,A-1\nA-3,Bottom,A-2\n`,
    });
    const cycle = await importFiles({
      'accounts.csv': `external_id,name,parent_external_id\nA-1,Top,A-3\n`,
    });
    expect(cycle.errors).toEqual([
      {
        file: 'accounts.csv',
        line: 2,
        column: 'parent_external_id',
        reason: 'closes a cycle: A-1 → A-3 → A-2 → A-1',
      },
    ]);
    const turned = await importFiles({
      'accounts.csv': `external_id,name,parent_external_id\nA-1,Top,A-2\nA-2,Middle,\n`,
    });
    expect(turned.errors).toEqual([]);
    expect(
      await database.query(
        `SELECT a.external_id AS account, p.external_id AS parent FROM accounts a
         LEFT JOIN accounts p ON p.id = a.parent_id ORDER BY a.external_id`,
      ),
    ).toEqual([
      { account: 'A-1', parent: 'A-2' },
      { account: 'A-2', parent: null },
      { account: 'A-3', parent: 'A-2' },
    ]);
  });

  it('refuses demoting the last admin, and lets the file hand the role over', async () => {
    await importFiles({ 'users.csv': team });
    const demoted = await importFiles({
      'users.csv': `email,role,manager_email\nada@acme.example,rep,\n`,
    });
    expect(demoted.errors).toEqual([
      {
        file: 'users.csv',
        line: 2,
        column: 'role',
        reason: 'ada@acme.example is the last admin: make another user admin first',
      },
    ]);
    const handedOver = await importFiles({
      'users.csv': `email,role,manager_email\nada@acme.example,rep,bob@acme.example\nbob@acme.example,admin,\n`,
    });
    expect(handedOver.errors).toEqual([]);
    expect(await database.query(`SELECT email FROM users WHERE role = 'admin'`)).toEqual([
      { email: 'bob@acme.example' },
    ]);
  });

  it("refuses a user alias that is a customer's address, and warns of a customer with a user's", async () => {
    await importFiles({
      'users.csv': `email,role,aliases\nada@acme.example,admin,hello@acme.example\n`,
      'contacts.csv': `external_id,emails\nC-1,grace@customer.example\n`,
      'leads.csv': `external_id,emails\nL-1,linus@prospect.example\n`,
    });
    const report = await importFiles({
      'users.csv': `email,role,aliases
ada@acme.example,admin,hello@acme.example;grace@customer.example
bob@acme.example,rep,linus@prospect.example
`,
      'contacts.csv': `external_id,emails\nC-2,hello@acme.example;c2@customer.example\n`,
    });
    expect(report.errors).toEqual([
      {
        file: 'users.csv',
        line: 2,
        column: 'aliases',
        reason: 'grace@customer.example is the address of contact "C-1", a customer',
      },
      {
        file: 'users.csv',
        line: 3,
        column: 'aliases',
        reason: 'linus@prospect.example is the address of lead "L-1", a customer',
      },
    ]);
    expect(report.warnings).toEqual([
      {
        file: 'contacts.csv',
        line: 2,
        column: 'emails',
        reason: "hello@acme.example is also user ada@acme.example's: its mail counts as internal",
      },
    ]);
    expect(report.files['contacts.csv']).toMatchObject({ created: 1, failed: 0 });
    expect(await database.query(`SELECT address FROM user_aliases`)).toEqual([
      { address: 'hello@acme.example' },
    ]);
  });

  it('refuses a block pattern that is not one domain or one address', async () => {
    const report = await importFiles({
      'users.csv': team,
      'blocklist.csv': `owner_email,pattern
,*
,*.acme.example
,com
,co.uk
bob@acme.example,*@spam.example
bob@acme.example,
,noreply.example
bob@acme.example,friend@gmail.com
`,
    });
    expect(report.errors).toEqual([
      {
        file: 'blocklist.csv',
        line: 2,
        column: 'pattern',
        reason: 'not a domain or an email address: "*"',
      },
      {
        file: 'blocklist.csv',
        line: 3,
        column: 'pattern',
        reason: 'not a domain or an email address: "*.acme.example"',
      },
      {
        file: 'blocklist.csv',
        line: 4,
        column: 'pattern',
        reason: 'not a domain or an email address: "com"',
      },
      {
        file: 'blocklist.csv',
        line: 5,
        column: 'pattern',
        reason: 'not a domain or an email address: "co.uk"',
      },
      {
        file: 'blocklist.csv',
        line: 6,
        column: 'pattern',
        reason: 'not a domain or an email address: "*@spam.example"',
      },
      { file: 'blocklist.csv', line: 7, column: 'pattern', reason: 'pattern is required' },
    ]);
    expect(await database.query(`SELECT pattern FROM blocklist ORDER BY pattern`)).toEqual([
      { pattern: 'friend@gmail.com' },
      { pattern: 'noreply.example' },
    ]);
  });

  it('refuses a repeated or unknown setting, keeping what is stored', async () => {
    await importFiles({ 'settings.csv': `key,value\ninternal_domains,acme.example\n` });
    const report = await importFiles({
      'settings.csv': `key,value
internal_domains,acme.example;not a domain
internal_domains,
Internal_Domains,other.example
retention,"{""bodyDays"":90}"
`,
    });
    expect(report.errors).toEqual([
      {
        file: 'settings.csv',
        line: 2,
        column: 'value',
        reason: 'not a valid domain: "not a domain"',
      },
      {
        file: 'settings.csv',
        line: 3,
        column: 'key',
        reason: 'duplicate key "internal_domains" (first on line 2)',
      },
      {
        file: 'settings.csv',
        line: 4,
        column: 'key',
        reason:
          'unknown setting "Internal_Domains"; the known ones are case_patterns, company_name, connection_strength, internal_domains, retention',
      },
    ]);
    expect(await database.query(`SELECT key, value FROM settings ORDER BY key`)).toEqual([
      { key: 'internal_domains', value: ['acme.example'] },
      { key: 'retention', value: { bodyDays: 90 } },
    ]);
  });

  it("refuses a free-mail domain or another account's domain for an account", async () => {
    await importFiles({
      'accounts.csv': `external_id,name,domains\nA-1,Acme,acme.example\nA-2,Globex,globex.example\n`,
    });
    const report = await importFiles({
      'accounts.csv': `external_id,name,domains
B-1,Freelancers,gmail.com;freelance.example
B-2,Acme copy,acme.example
B-3,Initech,initech.example
B-4,Initech again,initech.example
A-1,Acme,acme.example;acme-labs.example
A-3,Globex heir,globex.example
A-2,Globex,
`,
    });
    expect(report.errors).toEqual([
      {
        file: 'accounts.csv',
        line: 2,
        column: 'domains',
        reason: 'gmail.com is a free-mail domain, shared by people of any company',
      },
      {
        file: 'accounts.csv',
        line: 3,
        column: 'domains',
        reason: 'acme.example is already a domain of account "A-1"',
      },
      {
        file: 'accounts.csv',
        line: 5,
        column: 'domains',
        reason: 'initech.example is already a domain of account "B-3" (line 4)',
      },
    ]);
    // A domain given up by an account the same file describes moves.
    expect(
      await database.query(
        `SELECT a.external_id, d.domain FROM account_domains d JOIN accounts a ON a.id = d.account_id
         ORDER BY d.domain`,
      ),
    ).toEqual([
      { external_id: 'A-1', domain: 'acme-labs.example' },
      { external_id: 'A-1', domain: 'acme.example' },
      { external_id: 'A-3', domain: 'globex.example' },
      { external_id: 'B-3', domain: 'initech.example' },
    ]);
  });

  it('exports no cell a spreadsheet would run, and imports the export to the same values', async () => {
    await importFiles({
      'contacts.csv': `external_id,first_name,last_name,title,country
C-1,-Minus,"''=quoted",+44 20 7946 0000,@home
C-2,"=HYPERLINK(""http://evil.example"")",O'Brien,'plain',UK
`,
      'cases.csv': `external_id,number,subject\nK-1,1,"=1+2"\n`,
    });
    const dir = await folders.dir();
    await exportCrmDirectory(database, dir);
    const contacts = await readFile(join(dir, 'contacts.csv'), 'utf8');
    expect(contacts)
      .toBe(`external_id,account_external_id,first_name,last_name,emails,title,country,owner_email
C-1,,'-Minus,''=quoted,,'+44 20 7946 0000,'@home,
C-2,,"'=HYPERLINK(""http://evil.example"")",O'Brien,,'plain',UK,
`);
    expect(await readFile(join(dir, 'cases.csv'), 'utf8')).toContain("K-1,1,,,'=1+2,open\n");

    const other = await openTestDatabase(backend);
    try {
      expect((await importCrmDirectory(other.database, dir)).errors).toEqual([]);
      const values = (db: Database) =>
        db.query(`SELECT first_name, last_name, title, country FROM contacts ORDER BY external_id`);
      expect(await values(other.database)).toEqual(await values(database));
      expect(await values(other.database)).toEqual([
        {
          first_name: '-Minus',
          last_name: "'=quoted",
          title: '+44 20 7946 0000',
          country: '@home',
        },
        {
          first_name: '=HYPERLINK("http://evil.example")',
          last_name: "O'Brien",
          title: "'plain'",
          country: 'UK',
        },
      ]);
      const again = await folders.dir();
      await exportCrmDirectory(other.database, again);
      for (const file of crmCsvFiles) {
        expect(await readFile(join(again, file), 'utf8'), file).toBe(
          await readFile(join(dir, file), 'utf8'),
        );
      }
    } finally {
      await other.drop();
    }
  });
});
