import type { Queryable } from '../../adapters/db/database.js';
import {
  crmRecordsRepository,
  type RecordSummary,
} from '../../adapters/db/repositories/crm-records.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { ThreadlineError } from '../../core/errors.js';
import type { RecordKind } from '../../core/records/record-kinds.js';
import type { MergeValues } from '../../core/templates/merge-fields.js';

const text = (value: unknown): string | null =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : null;
const first = (value: unknown): string | null =>
  Array.isArray(value) && value.length > 0 ? text(value[0]) : null;

function contactValues(record: RecordSummary): Record<string, string | null> {
  return {
    first_name: text(record.firstName),
    last_name: text(record.lastName),
    name: record.name,
    email: first(record.emails),
    title: text(record.title),
    country: text(record.country),
  };
}

const accountValues = (record: RecordSummary) => ({
  name: record.name,
  domain: first(record.domains),
});

const dealValues = (record: RecordSummary) => ({
  name: record.name,
  stage: text(record.stage),
  amount: text(record.amount),
  currency: text(record.currency),
  product: text(record.product),
});

export const senderValues = (user: UserRow) => ({
  name: user.name,
  first_name: user.name.split(/\s+/)[0] ?? '',
  email: user.email,
});

/**
 * The merge values a record offers: its own fields and those of the records
 * around it. A contact brings its account and its first open deal; a deal
 * its account and first contact; a case its contact and account; a lead
 * fills the contact fields and names its company as the account.
 */
export async function recordMergeValues(
  db: Queryable,
  sender: UserRow,
  record: { type: RecordKind; id: string } | null,
): Promise<MergeValues> {
  const records = crmRecordsRepository(db);
  const values: MergeValues = { sender: senderValues(sender) };
  if (!record) return values;
  const found = await records.getRecord(record.type, record.id);
  if (!found) throw new ThreadlineError('NOT_FOUND', `No ${record.type} with id ${record.id}`);
  const related = async (type: RecordKind, id: unknown) =>
    typeof id === 'string' ? records.getRecord(type, id) : null;
  let contact: RecordSummary | null = null;
  let account: RecordSummary | null = null;
  let deal: RecordSummary | null = null;
  switch (record.type) {
    case 'contact': {
      contact = found;
      account = await related('account', found.accountId);
      const open = (await records.contactDeals(found.id)).find((d) => d.status === 'open');
      deal = await related('deal', open?.id);
      break;
    }
    case 'deal':
      deal = found;
      account = await related('account', found.accountId);
      contact = await related('contact', (await records.dealContacts(found.id))[0]?.id);
      break;
    case 'case':
      contact = await related('contact', found.contactId);
      account = await related('account', found.accountId);
      break;
    case 'account':
      account = found;
      break;
    case 'lead':
      values.contact = contactValues(found);
      values.account = { name: text(found.company), domain: null };
      return values;
  }
  if (contact) values.contact = contactValues(contact);
  if (account) values.account = accountValues(account);
  if (deal) values.deal = dealValues(deal);
  return values;
}
