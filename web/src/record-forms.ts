/** What each record kind's create and edit forms ask, and how their answers become an API body. */

import type { RecordKind } from './api';
import { dealPartsBody, type DealParts } from './deal-parts';

export interface FieldSpec {
  /** The API field the value goes to, also the name errors come back under. */
  name: string;
  label: string;
  kind: 'text' | 'lines' | 'select' | 'number' | 'date' | 'record';
  options?: readonly string[];
  /** For `record`: which kind it points at, and where the record states its name. */
  recordType?: RecordKind;
  nameKey?: string;
  hint?: string;
  /** What a new record starts with. */
  initial?: string;
}

export type FormValues = Record<string, string>;

const lines = (name: string, label: string, hint: string): FieldSpec => ({
  name,
  label,
  kind: 'lines',
  hint,
});
const text = (name: string, label: string): FieldSpec => ({ name, label, kind: 'text' });
const account = (name: string, label: string, nameKey: string): FieldSpec => ({
  name,
  label,
  kind: 'record',
  recordType: 'account',
  nameKey,
});

/** A contact's and a lead's names and addresses. */
const person = [
  text('firstName', 'First name'),
  text('lastName', 'Last name'),
  lines('emails', 'E-mail addresses', 'One per line.'),
];

export const formFields: Record<RecordKind, FieldSpec[]> = {
  account: [
    text('name', 'Name'),
    lines('domains', 'Domains', 'One per line; mail from these domains is filed on the account.'),
    account('parentId', 'Parent account', 'parentName'),
  ],
  contact: [
    ...person,
    text('title', 'Title'),
    text('country', 'Country'),
    account('accountId', 'Account', 'accountName'),
  ],
  lead: [
    ...person,
    text('company', 'Company'),
    text('country', 'Country'),
    { ...text('status', 'Status'), initial: 'new' },
  ],
  deal: [
    text('name', 'Name'),
    text('stage', 'Stage'),
    { name: 'status', label: 'Status', kind: 'select', options: ['open', 'won', 'lost'] },
    { name: 'amount', label: 'Amount', kind: 'number' },
    { ...text('currency', 'Currency'), hint: 'A three-letter code such as EUR.' },
    text('product', 'Product'),
    account('accountId', 'Account', 'accountName'),
    { name: 'expectedCloseAt', label: 'Expected close date', kind: 'date' },
    { name: 'closedAt', label: 'Actual close date', kind: 'date', hint: 'Won or lost deals only.' },
  ],
  case: [
    text('number', 'Number'),
    text('subject', 'Subject'),
    { name: 'status', label: 'Status', kind: 'select', options: ['open', 'closed'] },
    account('accountId', 'Account', 'accountName'),
    {
      name: 'contactId',
      label: 'Contact',
      kind: 'record',
      recordType: 'contact',
      nameKey: 'contactName',
    },
  ],
};

/** A case's subject is its `name` on the wire. */
const storedName = (type: RecordKind, field: string) =>
  type === 'case' && field === 'subject' ? 'name' : field;

/** A stored value as a form shows it: text, or empty. */
export const asText = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';

/** The form's starting values: empty for a new record, the record's own when editing. */
export function initialValues(
  type: RecordKind,
  record: Record<string, unknown> | null,
): FormValues {
  const values: FormValues = {};
  for (const field of formFields[type]) {
    const stored = record?.[storedName(type, field.name)];
    if (field.kind === 'select') values[field.name] = asText(stored) || (field.options?.[0] ?? '');
    else if (Array.isArray(stored)) values[field.name] = stored.join('\n');
    else if (field.kind === 'date' && typeof stored === 'string')
      values[field.name] = stored.slice(0, 10);
    else values[field.name] = record ? asText(stored) : (field.initial ?? '');
    if (field.kind === 'record' && field.nameKey)
      values[`${field.name}:name`] = asText(record?.[field.nameKey]);
  }
  return values;
}

/** The API body of a form; a deal's contact roles, team and products come from `parts`. */
export function bodyOf(
  type: RecordKind,
  values: FormValues,
  parts: DealParts | null,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of formFields[type]) {
    const value = (values[field.name] ?? '').trim();
    switch (field.kind) {
      case 'lines':
        body[field.name] = value
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        break;
      case 'number':
        body[field.name] = value === '' ? null : Number(value);
        break;
      case 'date':
      case 'record':
        body[field.name] = value === '' ? null : value;
        break;
      case 'text':
      case 'select':
        body[field.name] = field.name === 'currency' ? value.toUpperCase() || null : value;
    }
  }
  return type === 'deal' && parts ? { ...body, ...dealPartsBody(parts) } : body;
}

/**
 * Errors by form field: the API names `body.emails.1` for a malformed body
 * and `emails.1` for a refused value; both belong to the `emails` field.
 */
export function fieldErrors(details: unknown): Record<string, string> {
  if (!Array.isArray(details)) return {};
  const errors: Record<string, string> = {};
  for (const detail of details as { field?: unknown; message?: unknown }[]) {
    if (typeof detail.field !== 'string' || typeof detail.message !== 'string') continue;
    const [field = ''] = detail.field.replace(/^body\./, '').split('.');
    errors[field] ??= detail.message;
  }
  return errors;
}
