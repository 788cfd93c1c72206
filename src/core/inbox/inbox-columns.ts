/**
 * The sales inbox's columns, in the order they are shown: threads filed on
 * CRM records, with people not yet in the CRM, among colleagues only, and the
 * noise that is left out unless asked for.
 */
export const inboxColumns = ['crm', 'unknown', 'colleagues', 'noise'] as const;
export type InboxColumn = (typeof inboxColumns)[number];
