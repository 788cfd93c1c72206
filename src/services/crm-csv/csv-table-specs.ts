import { isOrganisationDomain } from '../../core/addresses/domain-name.js';
import { domainOf, normalizeAddress, normalizeDomain } from '../../core/addresses/normalize.js';
import { isFreeMailDomain } from '../../core/directory/index.js';
import type { CrmCsvRepository } from '../../adapters/db/repositories/crm-csv-records.js';
import type {
  AccountRecord,
  BlocklistRecord,
  CaseRecord,
  ChildLink,
  ContactRecord,
  DealRecord,
  LeadRecord,
  SettingRecord,
  UserRecord,
} from '../../adapters/db/repositories/crm-csv-rows.js';
import type { ChildTable } from '../../adapters/db/repositories/crm-csv-writes.js';
import { internalDomainsKey } from './crm-csv-files.js';
import { strengthSettingKey, strengthWeightsProblem } from '../insight/strength-weights.js';
import {
  checkAccountDomains,
  checkAliases,
  keepingAnAdmin,
  warnOfColleagueAddresses,
  withoutCycles,
} from './import-checks.js';
import type { CsvTableSpec, Reference } from './csv-table-spec.js';
import type { RowFields } from './row-fields.js';

const userRoles = ['admin', 'manager', 'rep'] as const;
const dealStatuses = ['open', 'won', 'lost'] as const;
const caseStatuses = ['open', 'closed'] as const;

const owner = (email: string | null): Reference[] =>
  email ? [{ column: 'owner_email', kind: 'user', key: email }] : [];
const account = (externalId: string | null): Reference[] =>
  externalId ? [{ column: 'account_external_id', kind: 'account', key: externalId }] : [];

function linksOf<R>(written: { id: string; record: R }[], values: (record: R) => string[]) {
  return written.flatMap(({ id, record }) =>
    values(record).map((value, position): ChildLink => ({ parentId: id, value, position })),
  );
}

async function replaceList<R>(
  repository: CrmCsvRepository,
  table: ChildTable,
  written: { id: string; record: R }[],
  values: (record: R) => string[],
): Promise<void> {
  const links = linksOf(written, values);
  await repository.deleteChildrenExcept(
    table,
    written.map((w) => w.id),
    links,
  );
  if (links.length > 0) await repository.upsertChildren(table, links);
}

/** The settings an import may set, and how each one's value is read. */
const settingValues: Record<string, (fields: RowFields) => unknown> = {
  case_patterns: (fields) => fields.text('value'),
  company_name: (fields) => fields.text('value'),
  [internalDomainsKey]: (fields) => fields.domains('value'),
  // An object, which the export writes as JSON text.
  retention: (fields) => fields.jsonObject('value'),
  [strengthSettingKey]: (fields) => {
    const weights = fields.jsonObject('value');
    const problem = weights && strengthWeightsProblem(weights);
    if (problem) fields.fail('value', problem);
    return weights;
  },
};

const settings: CsvTableSpec<SettingRecord> = {
  file: 'settings.csv',
  // Without a value column every setting would be blanked: treat that as an unreadable file.
  required: ['key', 'value'],
  keyColumn: 'key',
  keyOf: (record) => record.key,
  convert(fields) {
    const key = fields.required('key');
    const value = Object.hasOwn(settingValues, key) ? settingValues[key] : undefined;
    if (key && !value) {
      const known = Object.keys(settingValues).sort().join(', ');
      fields.fail('key', `unknown setting "${key}"; the known ones are ${known}`);
    }
    return { key, value: value?.(fields) ?? null };
  },
  read: (repository, keys) => repository.readSettings(keys),
  lists: [],
  async write(repository, records) {
    await repository.upsertSettings(records);
    return [];
  },
};

const users: CsvTableSpec<UserRecord> = {
  file: 'users.csv',
  required: ['email'],
  keyColumn: 'email',
  defines: 'user',
  keyOf: (record) => record.email,
  convert(fields) {
    const email = fields.address('email') ?? '';
    if (!email && !fields.failed) fields.required('email');
    const managerEmail = fields.address('manager_email');
    if (managerEmail && managerEmail === email) {
      fields.fail('manager_email', 'a user cannot be their own manager');
    }
    return {
      email,
      name: fields.text('name'),
      role: fields.oneOf('role', userRoles, 'rep'),
      managerEmail,
      // A user's own address is not an alias of theirs.
      aliases: fields
        .addresses('aliases')
        .filter((alias) => alias !== email)
        .sort(),
    };
  },
  references: (record) =>
    record.managerEmail
      ? [{ column: 'manager_email', kind: 'user', key: record.managerEmail }]
      : [],
  checkConflicts: checkAliases,
  wholeFileChecks: [
    withoutCycles({
      kind: 'user',
      column: 'manager_email',
      keyOf: (record) => record.email,
      upOf: (record) => record.managerEmail,
    }),
    keepingAnAdmin,
  ],
  read: (repository, emails) => repository.readUsers(emails),
  lists: ['aliases'],
  link: 'managerEmail',
  write: (repository, records, touch) => repository.upsertUsers(records, touch),
  async writeLists(repository, written) {
    const links = linksOf(written, (record) => record.aliases);
    await repository.deleteAliasesExcept(
      written.map((w) => w.id),
      links,
    );
    if (links.length > 0) await repository.insertAliases(links);
  },
  writeLinks: (repository, records) => repository.setManagers(records),
};

/** The CRM's own records are keyed by the id the CRM gave them. */
const byExternalId = {
  keyColumn: 'external_id',
  keyOf: (record: { externalId: string }) => record.externalId,
};

const accounts: CsvTableSpec<AccountRecord> = {
  file: 'accounts.csv',
  required: ['external_id', 'name'],
  ...byExternalId,
  defines: 'account',
  convert(fields) {
    const externalId = fields.required('external_id');
    const parentExternalId = fields.optional('parent_external_id');
    if (parentExternalId && parentExternalId === externalId) {
      fields.fail('parent_external_id', 'an account cannot be its own parent');
    }
    const domains = fields.domains('domains');
    for (const domain of domains.filter(isFreeMailDomain)) {
      fields.fail('domains', `${domain} is a free-mail domain, shared by people of any company`);
    }
    return {
      externalId,
      name: fields.required('name'),
      domains,
      parentExternalId,
      ownerEmail: fields.address('owner_email'),
    };
  },
  references: (record) => [
    ...(record.parentExternalId
      ? [{ column: 'parent_external_id', kind: 'account' as const, key: record.parentExternalId }]
      : []),
    ...owner(record.ownerEmail),
  ],
  checkConflicts: checkAccountDomains,
  wholeFileChecks: [
    withoutCycles({
      kind: 'account',
      column: 'parent_external_id',
      keyOf: (record) => record.externalId,
      upOf: (record) => record.parentExternalId,
    }),
  ],
  read: (repository, keys) => repository.readAccounts(keys),
  lists: ['domains'],
  link: 'parentExternalId',
  write: (repository, records, touch, now) => repository.upsertAccounts(records, touch, now),
  writeLists: (repository, written) =>
    replaceList(repository, 'accountDomains', written, (record) => record.domains),
  writeLinks: (repository, records, now) => repository.setParents(records, now),
};

/** What a contact and a lead share: a person with addresses, a country and an owner. */
const personFields = (fields: RowFields) => ({
  firstName: fields.text('first_name'),
  lastName: fields.text('last_name'),
  emails: fields.addresses('emails'),
  country: fields.text('country'),
  ownerEmail: fields.address('owner_email'),
});

/** A contact's or a lead's addresses are warned of when a colleague holds them, and kept as a list. */
function people<R extends { emails: string[] }>(): Pick<
  CsvTableSpec<R>,
  'checkConflicts' | 'lists'
> {
  return {
    checkConflicts: (rows, repository, _fail, warn) =>
      warnOfColleagueAddresses(rows, repository, warn),
    lists: ['emails'],
  };
}

const contacts: CsvTableSpec<ContactRecord> = {
  file: 'contacts.csv',
  required: ['external_id'],
  ...byExternalId,
  convert: (fields) => ({
    externalId: fields.required('external_id'),
    accountExternalId: fields.optional('account_external_id'),
    ...personFields(fields),
    title: fields.text('title'),
  }),
  references: (record) => [...account(record.accountExternalId), ...owner(record.ownerEmail)],
  ...people(),
  read: (repository, keys) => repository.readContacts(keys),
  write: (repository, records, touch, now) => repository.upsertContacts(records, touch, now),
  writeLists: (repository, written) =>
    replaceList(repository, 'contactEmails', written, (record) => record.emails),
};

const leads: CsvTableSpec<LeadRecord> = {
  file: 'leads.csv',
  required: ['external_id'],
  ...byExternalId,
  convert: (fields) => ({
    externalId: fields.required('external_id'),
    ...personFields(fields),
    company: fields.text('company'),
    // The schema's default, so an empty cell and an exported `new` are the same lead.
    status: fields.text('status') || 'new',
  }),
  references: (record) => owner(record.ownerEmail),
  ...people(),
  read: (repository, keys) => repository.readLeads(keys),
  write: (repository, records, touch, now) => repository.upsertLeads(records, touch, now),
  writeLists: (repository, written) =>
    replaceList(repository, 'leadEmails', written, (record) => record.emails),
};

const deals: CsvTableSpec<DealRecord> = {
  file: 'deals.csv',
  required: ['external_id', 'name'],
  ...byExternalId,
  convert: (fields) => ({
    externalId: fields.required('external_id'),
    accountExternalId: fields.optional('account_external_id'),
    name: fields.required('name'),
    stage: fields.text('stage'),
    status: fields.oneOf('status', dealStatuses, 'open'),
    amount: fields.amount('amount'),
    product: fields.text('product'),
    contactExternalIds: fields.list('contact_external_ids'),
    ownerEmail: fields.address('owner_email'),
    teamEmails: fields.addresses('team_emails'),
    currency: fields.currency('currency'),
    expectedCloseAt: fields.instant('expected_close_at'),
    closedAt: fields.instant('closed_at'),
  }),
  references: (record) => [
    ...account(record.accountExternalId),
    ...record.contactExternalIds.map((key) => ({
      column: 'contact_external_ids',
      kind: 'contact' as const,
      key,
    })),
    ...owner(record.ownerEmail),
    ...record.teamEmails.map((key) => ({ column: 'team_emails', kind: 'user' as const, key })),
  ],
  read: (repository, keys) => repository.readDeals(keys),
  lists: ['contactExternalIds', 'teamEmails'],
  write: (repository, records, touch, now) => repository.upsertDeals(records, touch, now),
  async writeLists(repository, written) {
    await replaceList(repository, 'dealContacts', written, (record) => record.contactExternalIds);
    await replaceList(repository, 'dealTeam', written, (record) => record.teamEmails);
  },
};

const cases: CsvTableSpec<CaseRecord> = {
  file: 'cases.csv',
  required: ['external_id', 'number'],
  ...byExternalId,
  convert: (fields) => ({
    externalId: fields.required('external_id'),
    number: fields.required('number'),
    accountExternalId: fields.optional('account_external_id'),
    contactExternalId: fields.optional('contact_external_id'),
    subject: fields.text('subject'),
    status: fields.oneOf('status', caseStatuses, 'open'),
  }),
  references: (record) => [
    ...account(record.accountExternalId),
    ...(record.contactExternalId
      ? [{ column: 'contact_external_id', kind: 'contact' as const, key: record.contactExternalId }]
      : []),
  ],
  // Case numbers are unique too: a clash would abort the whole batch, so it is a row error.
  async checkConflicts(rows, repository, fail) {
    const stored = new Map(
      (await repository.caseNumberHolders(rows.map((row) => row.record.number))).map((h) => [
        h.number,
        h.externalId,
      ]),
    );
    const seen = new Map<string, number>();
    return rows.filter((row) => {
      const { number, externalId } = row.record;
      const earlier = seen.get(number);
      const holder = stored.get(number);
      if (earlier !== undefined)
        fail(row, 'number', `duplicate number "${number}" (line ${earlier})`);
      else if (holder !== undefined && holder !== externalId) {
        fail(row, 'number', `number "${number}" belongs to case "${holder}"`);
      } else {
        seen.set(number, row.line);
        return true;
      }
      return false;
    });
  },
  read: (repository, keys) => repository.readCases(keys),
  lists: [],
  async write(repository, records, _touch, now) {
    await repository.upsertCases(records, now);
    return [];
  },
};

/** Blocklist entries have no other fields: the key is the whole entry. */
const blocklistKey = (record: BlocklistRecord) => `${record.ownerEmail ?? ''} ${record.pattern}`;

const blocklist: CsvTableSpec<BlocklistRecord> = {
  file: 'blocklist.csv',
  required: ['pattern'],
  keyColumn: 'pattern',
  keyOf: blocklistKey,
  convert(fields) {
    const raw = fields.required('pattern');
    const pattern = raw.includes('@') ? normalizeAddress(raw) : normalizeDomain(raw);
    // A wildcard or a bare suffix would block far more than one sender's mail, or all of it.
    const domain = pattern && (pattern.includes('@') ? domainOf(pattern) : pattern);
    if (raw && (!domain || !isOrganisationDomain(domain) || /[*?]/.test(raw))) {
      fields.fail('pattern', `not a domain or an email address: "${raw}"`);
    }
    return { ownerEmail: fields.address('owner_email'), pattern: pattern ?? '' };
  },
  references: (record) => owner(record.ownerEmail),
  async read(repository, keys) {
    const wanted = new Set(keys);
    const patterns = [...new Set(keys.map((key) => key.slice(key.indexOf(' ') + 1)))];
    return (await repository.readBlocklist(patterns)).filter((r) => wanted.has(blocklistKey(r)));
  },
  lists: [],
  async write(repository, records) {
    await repository.insertBlocklist(records);
    return [];
  },
};

/** Something done to each table's spec in turn; generic so each spec keeps its own record type. */
export type TableSpecVisitor = <R extends object>(spec: CsvTableSpec<R>) => Promise<void>;

/** Visits every file's spec in import order: a file may refer only to files visited before it. */
export async function forEachTableInImportOrder(visit: TableSpecVisitor): Promise<void> {
  await visit(settings);
  await visit(users);
  await visit(accounts);
  await visit(contacts);
  await visit(leads);
  await visit(deals);
  await visit(cases);
  await visit(blocklist);
}
