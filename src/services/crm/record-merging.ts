import { crmEditsRepository } from '../../adapters/db/repositories/crm-edits.js';
import { crmMergeRepository, moveReferences } from '../../adapters/db/repositories/crm-merge.js';
import {
  crmRecordsRepository,
  type RecordSummary,
} from '../../adapters/db/repositories/crm-records.js';
import type { UserRow } from '../../adapters/db/repositories/users.js';
import { convertLeadInput, type ConvertLeadInput } from '../../api-shapes/records.js';
import type { EditTarget } from '../../core/records/edit-permission.js';
import type { RecordKind } from '../../core/records/record-kinds.js';
import type { AuditLog } from '../sharing/audit-log.js';
import type { Clock } from '../../adapters/system/clock.js';
import { directoryBeforeChange, type RefilingDeps } from '../capture/refile-after-change.js';
import type { BackgroundRefiling } from '../capture/background-refiling.js';
import { invalidField } from './record-input-checks.js';

interface MergingDeps extends RefilingDeps {
  clock: Clock;
  refiling: Pick<BackgroundRefiling, 'queue'>;
  audit: AuditLog;
  authorise(
    user: UserRow,
    type: RecordKind,
    id: string,
  ): Promise<EditTarget & { archivedAt: Date | null }>;
  snapshotOf(type: RecordKind, id: string): Promise<RecordSummary | null>;
}

/** Merging two contacts or two accounts, and turning a lead into a contact. */
export function createRecordMerging(deps: MergingDeps) {
  const { database, clock, audit } = deps;

  async function activeTarget(user: UserRow, type: RecordKind, id: string, field: string) {
    const target = await deps.authorise(user, type, id);
    if (target.archivedAt) throw invalidField(field, `this ${type} is archived`);
  }

  return {
    /**
     * Merges `mergedId` into `survivorId`: addresses or domains, mail links,
     * deal roles, cases (and for accounts contacts, deals and child
     * accounts) follow the survivor, a manual link staying manual. The
     * merged record is archived and points at the survivor.
     */
    async merge(
      user: UserRow,
      type: 'account' | 'contact',
      survivorId: string,
      mergedId: string,
    ): Promise<void> {
      if (survivorId === mergedId)
        throw invalidField('mergeId', `a ${type} cannot merge with itself`);
      await activeTarget(user, type, survivorId, 'id');
      await activeTarget(user, type, mergedId, 'mergeId');
      if (type === 'account') {
        const ancestors = await crmRecordsRepository(database).accountAncestors(survivorId);
        if (ancestors.some((a) => a.id === mergedId))
          throw invalidField(
            'mergeId',
            'this account is a parent of the one kept: merge the other way round',
          );
      }
      const before = await directoryBeforeChange(deps);
      const old = {
        survivor: await deps.snapshotOf(type, survivorId),
        merged: await deps.snapshotOf(type, mergedId),
      };
      await database.transaction(async (tx) => {
        const merge = crmMergeRepository(tx);
        if (type === 'contact') {
          await merge.moveList('contact', mergedId, survivorId);
          await merge.moveDealRoles(mergedId, survivorId);
          await merge.moveContactCases(mergedId, survivorId);
        } else {
          await merge.moveList('account', mergedId, survivorId);
          await merge.moveAccountMembers(mergedId, survivorId);
        }
        await moveReferences(tx, { type, id: mergedId }, { type, id: survivorId });
        await merge.markMerged(type, mergedId, survivorId, clock.now());
      });
      await audit.record(
        user,
        'record.merge',
        { type, id: survivorId },
        {
          mergedId,
          before: old,
          after: {
            survivor: await deps.snapshotOf(type, survivorId),
            merged: await deps.snapshotOf(type, mergedId),
          },
        },
      );
      await deps.refiling.queue(before, user.id);
    },

    /**
     * Turns a lead into a contact with the lead's addresses, on an existing
     * account or a new one, and optionally a deal with the contact on it.
     * The lead's mail links, thread choices, shares, rules and tasks move to
     * the contact; the lead is archived and names the contact.
     */
    async convertLead(
      user: UserRow,
      leadId: string,
      input: ConvertLeadInput,
    ): Promise<{ contactId: string; accountId: string; dealId: string | null }> {
      const parsed = convertLeadInput.parse(input);
      await activeTarget(user, 'lead', leadId, 'id');
      const lead = (await deps.snapshotOf('lead', leadId)) as RecordSummary & {
        firstName: string;
        lastName: string;
        company: string;
        country: string;
        emails: string[];
      };
      const accountName = parsed.accountName || lead.company;
      if (parsed.accountId === null && !accountName)
        throw invalidField('accountName', 'name the new account, or choose an existing one');
      const before = await directoryBeforeChange(deps);
      const converted = await database.transaction(async (tx) => {
        const edits = crmEditsRepository(tx);
        if (
          parsed.accountId !== null &&
          (await edits.activeIds('account', [parsed.accountId])).length === 0
        )
          throw invalidField('accountId', `no active account ${parsed.accountId}`);
        const held = await edits.holdersOf('contact.emails', lead.emails, null);
        if (held[0])
          throw invalidField(
            'id',
            `${held[0].value} already belongs to the contact "${held[0].name}"`,
          );
        const accountId =
          parsed.accountId ??
          (await edits.insert('account', { name: accountName, parent_id: null }, user.id));
        const contactId = await edits.insert(
          'contact',
          {
            first_name: lead.firstName,
            last_name: lead.lastName,
            title: '',
            country: lead.country,
            account_id: accountId,
          },
          user.id,
        );
        await edits.replaceList('contact.emails', contactId, lead.emails);
        const dealId = parsed.deal
          ? await edits.insert(
              'deal',
              {
                name: parsed.deal.name,
                stage: parsed.deal.stage,
                status: 'open',
                amount: parsed.deal.amount,
                currency: null,
                product: '',
                account_id: accountId,
                expected_close_at: null,
                closed_at: null,
              },
              user.id,
            )
          : null;
        if (dealId) await edits.replaceDealContacts(dealId, [{ contactId, role: '' }]);
        await moveReferences(tx, { type: 'lead', id: leadId }, { type: 'contact', id: contactId });
        await crmMergeRepository(tx).markConverted(leadId, contactId, clock.now());
        return { contactId, accountId, dealId };
      });
      await audit.record(
        user,
        'lead.convert',
        { type: 'lead', id: leadId },
        {
          before: lead,
          after: {
            lead: await deps.snapshotOf('lead', leadId),
            ...converted,
            accountCreated: parsed.accountId === null,
          },
        },
      );
      await deps.refiling.queue(before, user.id);
      return converted;
    },
  };
}
