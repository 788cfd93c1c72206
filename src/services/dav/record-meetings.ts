import type { Database } from '../../adapters/db/database.js';
import { crmRecordsRepository } from '../../adapters/db/repositories/crm-records.js';
import {
  recordMeetingsRepository,
  type RecordMeetingRow,
} from '../../adapters/db/repositories/record-meetings.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { ThreadlineError } from '../../core/errors.js';
import type { RecordKind } from '../../core/records/record-kinds.js';
import { readerOf } from '../mail-reads/mail-reads-service.js';

export type { RecordMeetingRow };

/** The meetings on a record's timeline, whichever way they came (mail or a calendar). */
export function createRecordMeetingsService(database: Database) {
  const records = crmRecordsRepository(database);
  const meetings = recordMeetingsRepository(database);
  return {
    async list(
      user: UserRow,
      query: { type: RecordKind; id: string; limit: number },
    ): Promise<RecordMeetingRow[]> {
      if (!(await records.recordExists(query.type, query.id))) {
        throw new ThreadlineError('NOT_FOUND', `No ${query.type} with id ${query.id}`);
      }
      return meetings.list(readerOf(user), query);
    },
  };
}

export type RecordMeetingsService = ReturnType<typeof createRecordMeetingsService>;
