import type { z } from 'zod';
import {
  crmEditsRepository,
  type DealProductRow,
  type RecordColumns,
  type RecordList,
} from '../../adapters/db/repositories/crm-edits.js';
import { crmRecordsRepository } from '../../adapters/db/repositories/crm-records.js';
import type { Queryable } from '../../adapters/db/database.js';
import { recordInputs } from '../../api-shapes/records.js';
import { normalizeAddress, normalizeDomain } from '../../core/addresses/normalize.js';
import { isFreeMailDomain } from '../../core/directory/index.js';
import { ThreadlineError } from '../../core/errors.js';
import { makesParentCycle } from '../../core/records/edit-permission.js';
import type { RecordKind } from '../../core/records/record-kinds.js';

export type ParsedInput<K extends RecordKind> = z.output<(typeof recordInputs)[K]>;

/** A record ready to store: its columns, and its address or domain list when it has one. */
export interface CheckedRecord<K extends RecordKind> {
  columns: RecordColumns<K>;
  list: { name: RecordList; values: string[] } | null;
  dealContacts: { contactId: string; role: string }[];
  team: { userId: string; role: string }[];
  products: DealProductRow[];
}

/** A validation error naming the field, as the HTTP edge names a malformed body's fields. */
export function invalidField(field: string, message: string): ThreadlineError {
  return new ThreadlineError('VALIDATION_FAILED', `${field}: ${message}`, [{ field, message }]);
}

/** Parses a form's input with its kind's shape; every problem is named by its field. */
export function parseRecordInput<K extends RecordKind>(type: K, input: unknown): ParsedInput<K> {
  return parseWith(recordInputs[type], input) as ParsedInput<K>;
}

/** Parses input with `shape`; VALIDATION_FAILED names every field at fault. */
export function parseWith<T extends z.ZodType>(shape: T, input: unknown): z.output<T> {
  const parsed = shape.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    field: issue.path.join('.'),
    message: issue.message,
  }));
  throw new ThreadlineError(
    'VALIDATION_FAILED',
    issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '),
    issues,
  );
}

/**
 * Checks a parsed input against the CRM as stored (addresses and domains
 * well formed and not another record's, referenced records active, no
 * parent loop, a close date only on a closed deal) and turns it into
 * columns. `id` is the record being edited, null for a new one.
 */
export async function checkRecordInput<K extends RecordKind>(
  db: Queryable,
  type: K,
  input: ParsedInput<K>,
  id: string | null,
): Promise<CheckedRecord<K>> {
  const edits = crmEditsRepository(db);
  const mustExist = async (kind: RecordKind, field: string, value: string | null) => {
    if (value !== null && (await edits.activeIds(kind, [value])).length === 0)
      throw invalidField(field, `no active ${kind} ${value}`);
  };
  const base = { list: null, dealContacts: [], team: [], products: [] };
  switch (type) {
    case 'account': {
      const account = input as ParsedInput<'account'>;
      await checkParent(db, id, account.parentId);
      const domains = await checkList(db, 'account.domains', account.domains, id);
      return {
        ...base,
        columns: { name: account.name, parent_id: account.parentId } as RecordColumns<K>,
        list: { name: 'account.domains', values: domains },
      };
    }
    case 'contact':
    case 'lead': {
      const person = input as ParsedInput<'contact'> | ParsedInput<'lead'>;
      if ('accountId' in person) await mustExist('account', 'accountId', person.accountId);
      const list = type === 'contact' ? 'contact.emails' : 'lead.emails';
      const names = { first_name: person.firstName, last_name: person.lastName };
      const columns: RecordColumns<'contact'> | RecordColumns<'lead'> =
        'accountId' in person
          ? { ...names, title: person.title, country: person.country, account_id: person.accountId }
          : { ...names, company: person.company, country: person.country, status: person.status };
      return {
        ...base,
        columns: columns as RecordColumns<K>,
        list: { name: list, values: await checkList(db, list, person.emails, id) },
      };
    }
    case 'deal':
      return (await checkDeal(db, input as ParsedInput<'deal'>)) as CheckedRecord<K>;
    case 'case': {
      const kase = input as ParsedInput<'case'>;
      await mustExist('account', 'accountId', kase.accountId);
      await mustExist('contact', 'contactId', kase.contactId);
      if (await edits.caseWithNumber(kase.number, id))
        throw invalidField('number', `another case has the number ${kase.number}`);
      const columns: RecordColumns<'case'> = {
        number: kase.number,
        subject: kase.subject,
        status: kase.status,
        account_id: kase.accountId,
        contact_id: kase.contactId,
      };
      return { ...base, columns: columns as RecordColumns<K> };
    }
  }
  throw new ThreadlineError('VALIDATION_FAILED', `Unknown record kind ${String(type)}`);
}

async function checkParent(db: Queryable, id: string | null, parentId: string | null) {
  if (parentId === null) return;
  if ((await crmEditsRepository(db).activeIds('account', [parentId])).length === 0)
    throw invalidField('parentId', `no active account ${parentId}`);
  if (id === null) return;
  const ancestors = await crmRecordsRepository(db).accountAncestors(parentId);
  if (
    makesParentCycle(
      id,
      parentId,
      ancestors.map((a) => a.id),
    )
  )
    throw invalidField('parentId', 'the account would become its own parent');
}

/** Normalised, without repeats, and held by no other active record of the kind. */
async function checkList(
  db: Queryable,
  list: RecordList,
  raw: readonly string[],
  id: string | null,
): Promise<string[]> {
  const field = list.split('.')[1]!;
  const values: string[] = [];
  for (const [i, value] of raw.entries()) {
    const normalized =
      list === 'account.domains' ? normalizeDomain(value) : normalizeAddress(value);
    if (!normalized)
      throw invalidField(
        `${field}.${i}`,
        list === 'account.domains'
          ? `"${value}" is not a domain name`
          : `"${value}" is not an email address`,
      );
    if (list === 'account.domains' && isFreeMailDomain(normalized))
      throw invalidField(
        `${field}.${i}`,
        `${normalized} is a free-mail domain: it cannot stand for one account`,
      );
    if (!values.includes(normalized)) values.push(normalized);
  }
  const [held] = await crmEditsRepository(db).holdersOf(list, values, id);
  if (held) {
    const owner = list === 'account.domains' ? 'account' : list.split('.')[0];
    throw invalidField(
      `${field}.${values.indexOf(held.value)}`,
      `${held.value} already belongs to the ${owner} "${held.name}"`,
    );
  }
  return values;
}

async function checkDeal(db: Queryable, deal: ParsedInput<'deal'>): Promise<CheckedRecord<'deal'>> {
  const edits = crmEditsRepository(db);
  if (deal.accountId !== null && (await edits.activeIds('account', [deal.accountId])).length === 0)
    throw invalidField('accountId', `no active account ${deal.accountId}`);
  if (deal.closedAt !== null && deal.status === 'open')
    throw invalidField('closedAt', 'only a won or lost deal has a close date');
  const roles = deal.contacts.filter(
    (c, i) => deal.contacts.findIndex((other) => other.contactId === c.contactId) === i,
  );
  const contactIds = await edits.activeIds(
    'contact',
    roles.map((c) => c.contactId),
  );
  const missing = roles.findIndex((c) => !contactIds.includes(c.contactId));
  if (missing >= 0)
    throw invalidField(
      `contacts.${missing}.contactId`,
      `no active contact ${roles[missing]!.contactId}`,
    );
  const team = deal.team.filter(
    (m, i) => deal.team.findIndex((other) => other.userId === m.userId) === i,
  );
  const users = await edits.activeUserIds(team.map((m) => m.userId));
  const absent = team.findIndex((m) => !users.includes(m.userId));
  if (absent >= 0)
    throw invalidField(`team.${absent}.userId`, `no active user ${team[absent]!.userId}`);
  return {
    columns: {
      name: deal.name,
      stage: deal.stage,
      status: deal.status,
      amount: deal.amount,
      currency: deal.currency,
      product: deal.product,
      account_id: deal.accountId,
      expected_close_at: deal.expectedCloseAt === null ? null : new Date(deal.expectedCloseAt),
      closed_at: deal.closedAt === null ? null : new Date(deal.closedAt),
    },
    list: null,
    dealContacts: roles,
    team,
    products: deal.products,
  };
}
