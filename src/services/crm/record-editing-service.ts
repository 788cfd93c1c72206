import type { Queryable } from '../../adapters/db/database.js';
import { crmEditsRepository } from '../../adapters/db/repositories/crm-edits.js';
import { crmRecordsRepository } from '../../adapters/db/repositories/crm-records.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { ThreadlineError } from '../../core/errors.js';
import { mayEditRecord } from '../../core/records/edit-permission.js';
import type { RecordKind } from '../../core/records/record-kinds.js';
import type { AuditLog } from '../sharing/audit-log.js';
import type { Clock } from '../../adapters/system/clock.js';
import { directoryBeforeChange, type RefilingDeps } from '../capture/refile-after-change.js';
import type { BackgroundRefiling } from '../capture/background-refiling.js';
import { checkRecordInput, parseRecordInput, type CheckedRecord } from './record-input-checks.js';
import { createRecordMerging } from './record-merging.js';

export interface RecordEditingDeps extends RefilingDeps {
  clock: Clock;
  /** Where the re-filing each change calls for is queued. */
  refiling: Pick<BackgroundRefiling, 'queue'>;
  audit: AuditLog;
}

/**
 * Creating, editing and archiving CRM records, merging two contacts or two
 * accounts and converting a lead. Each change is checked against who may
 * make it, written in one transaction, audited with what the record was
 * before and is after, and answered at once: the re-filing of the stored
 * mail it concerns is queued (`BackgroundRefiling`).
 */
export function createRecordEditingService(deps: RecordEditingDeps) {
  const { database, clock, audit } = deps;
  const records = crmRecordsRepository(database);

  /**
   * The record as the audit log keeps it: its summary (a deal's with its
   * contact roles, team and products), or null when it did not exist.
   */
  async function snapshotOf(type: RecordKind, id: string) {
    const summary = await records.getRecord(type, id);
    if (type !== 'deal' || !summary) return summary;
    const [contacts, team, products] = await Promise.all([
      records.dealContacts(id),
      records.dealTeam(id),
      records.dealProducts(id),
    ]);
    return { ...summary, contacts, team, products };
  }

  /** NOT_FOUND unless the record exists, FORBIDDEN unless `user` may change it. */
  async function authorise(user: UserRow, type: RecordKind, id: string) {
    const target = await crmEditsRepository(database).editTarget(type, id);
    if (!target) throw new ThreadlineError('NOT_FOUND', `No ${type} with id ${id}`);
    if (!mayEditRecord(user, target))
      throw new ThreadlineError('FORBIDDEN', `You may not change this ${type}`);
    return target;
  }

  async function write<K extends RecordKind>(
    tx: Queryable,
    type: K,
    id: string,
    checked: CheckedRecord<K>,
  ) {
    const edits = crmEditsRepository(tx);
    if (checked.list) await edits.replaceList(checked.list.name, id, checked.list.values);
    if (type === 'deal') {
      await edits.replaceDealContacts(id, checked.dealContacts);
      await edits.replaceDealTeam(id, checked.team);
      await edits.replaceDealProducts(id, checked.products);
    }
  }

  /** Runs a change, audits it and lets stored mail follow; returns the record's id. */
  async function change(
    user: UserRow,
    action: 'record.create' | 'record.update' | 'record.archive',
    type: RecordKind,
    id: string | null,
    work: (tx: Queryable) => Promise<string>,
  ): Promise<string> {
    const before = await directoryBeforeChange(deps);
    const old = id === null ? null : await snapshotOf(type, id);
    const changedId = await database.transaction(work);
    await audit.record(
      user,
      action,
      { type, id: changedId },
      {
        before: old,
        after: await snapshotOf(type, changedId),
      },
    );
    await deps.refiling.queue(before, user.id);
    return changedId;
  }

  const merging = createRecordMerging({ ...deps, authorise, snapshotOf });

  return {
    async create(user: UserRow, type: RecordKind, input: unknown): Promise<string> {
      const parsed = parseRecordInput(type, input);
      return change(user, 'record.create', type, null, async (tx) => {
        const checked = await checkRecordInput(tx, type, parsed, null);
        const id = await crmEditsRepository(tx).insert(type, checked.columns, user.id);
        await write(tx, type, id, checked);
        return id;
      });
    },

    async update(user: UserRow, type: RecordKind, id: string, input: unknown): Promise<void> {
      const target = await authorise(user, type, id);
      if (target.archivedAt)
        throw new ThreadlineError('CONFLICT', `This ${type} is archived and cannot be edited`);
      const parsed = parseRecordInput(type, input);
      await change(user, 'record.update', type, id, async (tx) => {
        const checked = await checkRecordInput(tx, type, parsed, id);
        await crmEditsRepository(tx).update(type, id, checked.columns, clock.now());
        await write(tx, type, id, checked);
        return id;
      });
    },

    /** Out of lists and matching; the record, its mail and its history stay. */
    async archive(user: UserRow, type: RecordKind, id: string): Promise<void> {
      const target = await authorise(user, type, id);
      if (target.archivedAt) return;
      await change(user, 'record.archive', type, id, async (tx) => {
        await crmEditsRepository(tx).archive(type, id, clock.now());
        return id;
      });
    },

    ...merging,
  };
}

export type RecordEditingService = ReturnType<typeof createRecordEditingService>;
