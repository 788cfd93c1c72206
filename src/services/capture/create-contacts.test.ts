import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../test/support/test-database.js';
import { importCrmDirectory } from '../crm-csv/import-crm.js';
import { createProposedContacts } from './create-contacts.js';

describe.each(testBackends())('creating proposed contacts on the %s backend', (backend) => {
  let handle: TestDatabase;
  let acme: string;
  let renewal: string;

  beforeEach(async () => {
    handle = await openTestDatabase(backend);
    expect(
      (await importCrmDirectory(handle.database, 'test/fixtures/crm/realistic')).errors,
    ).toEqual([]);
    const [ids] = await handle.database.query<{ acme: string; renewal: string }>(
      `SELECT (SELECT id FROM accounts WHERE external_id = 'ACC-001') AS acme,
              (SELECT id FROM deals WHERE external_id = 'DEAL-001') AS renewal`,
    );
    acme = ids!.acme;
    renewal = ids!.renewal;
  });
  afterEach(() => handle.drop());

  const proposal = (address: string, dealId: string | null = null) => ({
    address,
    firstName: 'Jane',
    lastName: 'Doe',
    accountId: acme,
    dealId,
  });

  it('creates the contact on the account with its address and adds it to the deal', async () => {
    const created = await handle.database.transaction((tx) =>
      createProposedContacts(tx, [proposal('jane.doe@acme.com', renewal)]),
    );
    expect(created).toEqual(['jane.doe@acme.com']);
    const rows = await handle.database.query(
      `SELECT c.first_name, c.last_name, a.external_id AS account, e.address,
         (SELECT count(*)::int FROM deal_contacts dc WHERE dc.contact_id = c.id AND dc.deal_id = $1) AS on_deal
       FROM contacts c JOIN contact_emails e ON e.contact_id = c.id JOIN accounts a ON a.id = c.account_id
       WHERE e.address = 'jane.doe@acme.com'`,
      [renewal],
    );
    expect(rows).toEqual([
      {
        first_name: 'Jane',
        last_name: 'Doe',
        account: 'ACC-001',
        address: 'jane.doe@acme.com',
        on_deal: 1,
      },
    ]);
  });

  it('skips an address that already has a contact, and one proposed twice', async () => {
    const first = await handle.database.transaction((tx) =>
      createProposedContacts(tx, [proposal('jane.doe@acme.com'), proposal('jane.doe@acme.com')]),
    );
    const again = await handle.database.transaction((tx) =>
      createProposedContacts(tx, [
        proposal('jane.doe@acme.com'),
        proposal('grace.hopper@acme.com'),
      ]),
    );
    expect(first).toEqual(['jane.doe@acme.com']);
    expect(again).toEqual([]);
    const [count] = await handle.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contact_emails WHERE address IN ('jane.doe@acme.com', 'grace.hopper@acme.com')`,
    );
    expect(count?.n).toBe(2);
  });

  it('creates one contact when two workers propose the same address at the same moment', async () => {
    let firstCreated!: () => void;
    const created = new Promise<void>((resolve) => (firstCreated = resolve));
    const first = handle.database.transaction(async (tx) => {
      const made = await createProposedContacts(tx, [proposal('new.person@acme.com')]);
      firstCreated();
      // Still uncommitted while the other worker looks for the address.
      await new Promise((resolve) => setTimeout(resolve, 300));
      return made;
    });
    await created;
    const second = handle.database.transaction((tx) =>
      createProposedContacts(tx, [proposal('new.person@acme.com')]),
    );
    expect([...(await first), ...(await second)]).toEqual(['new.person@acme.com']);
    const [count] = await handle.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contact_emails WHERE address = 'new.person@acme.com'`,
    );
    expect(count?.n).toBe(1);
  });
});
