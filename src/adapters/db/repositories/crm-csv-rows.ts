/*
 * CRM records in the shape of their CSV rows (docs/crm-csv.md): references
 * by natural key (external_id, user e-mail), multi-valued fields as arrays in
 * stored order, so "what the file says" and "what is stored" compare field by
 * field.
 */

export type Role = 'admin' | 'manager' | 'rep';
export type DealStatus = 'open' | 'won' | 'lost';
export type CaseStatus = 'open' | 'closed';

export interface UserRecord {
  email: string;
  name: string;
  role: Role;
  managerEmail: string | null;
  /** Stored without order, so always sorted. */
  aliases: string[];
}

export interface AccountRecord {
  externalId: string;
  name: string;
  domains: string[];
  parentExternalId: string | null;
  ownerEmail: string | null;
}

export interface ContactRecord {
  externalId: string;
  accountExternalId: string | null;
  firstName: string;
  lastName: string;
  /** The first is the primary address. */
  emails: string[];
  title: string;
  country: string;
  ownerEmail: string | null;
}

export interface LeadRecord {
  externalId: string;
  firstName: string;
  lastName: string;
  company: string;
  emails: string[];
  country: string;
  status: string;
  ownerEmail: string | null;
}

export interface DealRecord {
  externalId: string;
  accountExternalId: string | null;
  name: string;
  stage: string;
  status: DealStatus;
  /** Canonical decimal text (`1200.5`, never `1200.50`), so it compares and round-trips exactly. */
  amount: string | null;
  product: string;
  contactExternalIds: string[];
  ownerEmail: string | null;
  teamEmails: string[];
  /** ISO 4217, upper case. */
  currency: string | null;
  /** Instants as `toISOString` writes them, so they compare and round-trip exactly. */
  expectedCloseAt: string | null;
  /** When a won or lost deal closed; none when the CRM does not say. */
  closedAt: string | null;
}

export interface CaseRecord {
  externalId: string;
  number: string;
  accountExternalId: string | null;
  contactExternalId: string | null;
  subject: string;
  status: CaseStatus;
}

export interface BlocklistRecord {
  /** Null: the whole organisation. */
  ownerEmail: string | null;
  pattern: string;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/** A written row's id, by the natural key it was written under. */
export interface WrittenRow {
  id: string;
  key: string;
}

/** One link of a multi-valued field: the parent's id, the value, its position in the list. */
export interface ChildLink {
  parentId: string;
  value: string;
  position: number;
}
