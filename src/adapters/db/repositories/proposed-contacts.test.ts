import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openTestDatabase,
  testBackends,
  type TestDatabase,
} from '../../../../test/support/test-database.js';
import { importCrmDirectory } from '../../../services/crm-csv/import-crm.js';
import { runInOrder, type Queryable } from '../database.js';
import { proposedContactStatements, type ContactToCreate } from './proposed-contacts.js';

/** The addresses the statements created: the last one's rows. */
function createdBy(results: unknown[][]): string[] {
  return ((results.at(-1) ?? []) as { address: string }[]).map((row) => row.address);
}

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

  /** As a batch's commit sends them, with its other statements. */
  const create = async (proposals: ContactToCreate[]) =>
    createdBy(await handle.database.atomically(proposedContactStatements(proposals)));
  /** Inside a transaction the caller holds open. */
  const createIn = async (tx: Queryable, proposals: ContactToCreate[]) =>
    createdBy(await runInOrder(tx, proposedContactStatements(proposals)));

  const proposal = (address: string, dealId: string | null = null, messageKey = '<none@x>') => ({
    address,
    firstName: 'Jane',
    lastName: 'Doe',
    accountId: acme,
    dealId,
    messageKey,
  });

  it('creates the contact on the account with its address and adds it to the deal', async () => {
    const created = await create([proposal('jane.doe@acme.com', renewal)]);
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

  it('links the new contact to the messages that proposed it, as the contact rule would', async () => {
    for (const key of ['<one@acme.com>', '<two@acme.com>', '<other@acme.com>']) {
      await handle.database.query(
        `INSERT INTO messages (message_key, message_id, thread_id, envelope, size, category, captured)
         VALUES ($1, $1, $1, '{}', 1, 'human', true)`,
        [key],
      );
    }
    await create([
      proposal('jane.doe@acme.com', null, '<one@acme.com>'),
      proposal('jane.doe@acme.com', null, '<two@acme.com>'),
    ]);
    expect(
      await handle.database.query(
        `SELECT m.message_key AS key, l.reason, l.confidence, l.source, e.address
         FROM message_links l JOIN messages m ON m.id = l.message_id
           JOIN contact_emails e ON e.contact_id = l.record_id
         WHERE l.record_type = 'contact' ORDER BY m.message_key`,
      ),
    ).toEqual(
      ['<one@acme.com>', '<two@acme.com>'].map((key) => ({
        key,
        reason: 'address jane.doe@acme.com',
        confidence: 1,
        source: 'auto',
        address: 'jane.doe@acme.com',
      })),
    );
  });

  it('places new contacts on the deal after the people already on it, in address order', async () => {
    expect(
      await create([proposal('zed@acme.com', renewal), proposal('amy@acme.com', renewal)]),
    ).toEqual(['amy@acme.com', 'zed@acme.com']);
    const places = await handle.database.query(
      `SELECT coalesce(e.address, c.external_id) AS who, dc.position
       FROM deal_contacts dc JOIN contacts c ON c.id = dc.contact_id
       LEFT JOIN contact_emails e ON e.contact_id = c.id AND e.address LIKE '%@acme.com' AND c.external_id IS NULL
       WHERE dc.deal_id = $1 ORDER BY dc.position`,
      [renewal],
    );
    expect(places).toEqual([
      { who: 'CON-001', position: 0 },
      { who: 'CON-002', position: 1 },
      { who: 'amy@acme.com', position: 2 },
      { who: 'zed@acme.com', position: 3 },
    ]);
  });

  it('skips an address that already has a contact, and one proposed twice', async () => {
    const first = await create([proposal('jane.doe@acme.com'), proposal('jane.doe@acme.com')]);
    const again = await create([proposal('jane.doe@acme.com'), proposal('grace.hopper@acme.com')]);
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
      const made = await createIn(tx, [proposal('new.person@acme.com')]);
      firstCreated();
      // Still uncommitted while the other worker looks for the address.
      await new Promise((resolve) => setTimeout(resolve, 300));
      return made;
    });
    await created;
    const second = handle.database.transaction((tx) =>
      createIn(tx, [proposal('new.person@acme.com')]),
    );
    expect([...(await first), ...(await second)]).toEqual(['new.person@acme.com']);
    const [count] = await handle.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contact_emails WHERE address = 'new.person@acme.com'`,
    );
    expect(count?.n).toBe(1);
  });
});
