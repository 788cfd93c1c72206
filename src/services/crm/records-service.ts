import { ThreadlineError } from '../../core/errors.js';
import type { Database } from '../../adapters/db/database.js';
import {
  crmRecordsRepository,
  type RecordSummary,
} from '../../adapters/db/repositories/crm-records.js';
import type { RecordKind } from '../../core/records/record-kinds.js';

export type { RecordSummary };

/** Reading CRM records for list and detail pages. */
export function createRecordsService(database: Database) {
  const records = crmRecordsRepository(database);

  async function related(record: RecordSummary, type: RecordKind) {
    switch (type) {
      case 'account': {
        const [ancestors, children, contacts, deals, cases] = await Promise.all([
          records.accountAncestors(record.id),
          records.accountChildren(record.id),
          records.relatedRecords('contact', 'accountId', record.id),
          records.relatedRecords('deal', 'accountId', record.id),
          records.relatedRecords('case', 'accountId', record.id),
        ]);
        return { ancestors, children, contacts, deals, cases };
      }
      case 'contact': {
        const [deals, cases, bounced] = await Promise.all([
          records.contactDeals(record.id),
          records.relatedRecords('case', 'contactId', record.id),
          records.bouncedAddresses(record.id),
        ]);
        return { deals, cases, bounced };
      }
      case 'deal': {
        const [contacts, team, products] = await Promise.all([
          records.dealContacts(record.id),
          records.dealTeam(record.id),
          records.dealProducts(record.id),
        ]);
        return { contacts, team, products };
      }
      case 'lead':
      case 'case':
        return {};
    }
  }

  return {
    list: (type: RecordKind, page: { search: string; limit: number; offset: number }) =>
      records.listRecords(type, page),

    /** One record with what its detail page shows around it. */
    async get(type: RecordKind, id: string) {
      const record = await records.getRecord(type, id);
      if (!record) throw new ThreadlineError('NOT_FOUND', `No ${type} with id ${id}`);
      return { ...record, related: await related(record, type) };
    },
  };
}

export type RecordsService = ReturnType<typeof createRecordsService>;
