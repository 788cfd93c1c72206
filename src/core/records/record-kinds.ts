/**
 * The five kinds of CRM record mail is filed on, and how each is named in
 * the database, the API and the web app's addresses. Everything that lists
 * or checks record kinds takes them from here.
 */
export const recordKinds = ['account', 'contact', 'lead', 'deal', 'case'] as const;

export type RecordKind = (typeof recordKinds)[number];

/** The table that holds each kind, which is also its path in the API and the web app. */
export const recordTables: Readonly<Record<RecordKind, string>> = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  deal: 'deals',
  case: 'cases',
};

export function isRecordKind(value: unknown): value is RecordKind {
  return typeof value === 'string' && (recordKinds as readonly string[]).includes(value);
}
