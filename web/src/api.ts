/** The slice of the Threadline REST API the UI uses: same origin, session cookie, CSRF header on writes. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  csrfToken?: string | null;
  signal?: AbortSignal;
}

function isErrorBody(value: unknown): value is { error: { code: string; message: string } } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    'message' in error &&
    typeof error.code === 'string' &&
    typeof error.message === 'string'
  );
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // Fastify rejects an empty body declared as JSON, so the header goes only with a body.
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.csrfToken) headers['x-csrf-token'] = options.csrfToken;
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? null : JSON.stringify(options.body),
    signal: options.signal ?? null,
  });
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isErrorBody(payload)) {
      throw new ApiError(response.status, payload.error.code, payload.error.message);
    }
    throw new ApiError(response.status, 'HTTP_ERROR', `Request failed (HTTP ${response.status})`);
  }
  return payload as T;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'manager' | 'rep';
}

export interface SessionInfo {
  user: User;
  csrfToken: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** A link target: enough to name a record. */
export interface RecordRef {
  id: string;
  name: string;
}

export interface AccountSummary extends RecordRef {
  externalId: string | null;
  parentId: string | null;
  parentName: string | null;
  domains: string[];
  ownerEmail: string | null;
}

export interface ContactSummary extends RecordRef {
  externalId: string | null;
  emails: string[];
  title: string;
  country: string;
  accountId: string | null;
  accountName: string | null;
  ownerEmail: string | null;
}

export interface LeadSummary extends RecordRef {
  externalId: string | null;
  emails: string[];
  company: string;
  country: string;
  status: string;
  ownerEmail: string | null;
}

export interface DealSummary extends RecordRef {
  externalId: string | null;
  stage: string;
  status: 'open' | 'won' | 'lost';
  /** PostgreSQL numeric: a decimal string. */
  amount: string | number | null;
  product: string;
  accountId: string | null;
  accountName: string | null;
  closedAt: string | null;
  ownerEmail: string | null;
}

/** `name` is the case subject. */
export interface CaseSummary extends RecordRef {
  externalId: string | null;
  number: string;
  status: 'open' | 'closed';
  accountId: string | null;
  accountName: string | null;
  contactId: string | null;
}

export interface AccountDetail extends AccountSummary {
  related: {
    /** Nearest parent first. */
    ancestors: RecordRef[];
    children: RecordRef[];
    contacts: ContactSummary[];
    deals: DealSummary[];
    cases: CaseSummary[];
  };
}

export interface ContactDetail extends ContactSummary {
  related: { deals: (RecordRef & { status: DealSummary['status'] })[]; cases: CaseSummary[] };
}

export interface LeadDetail extends LeadSummary {
  related: Record<string, never>;
}

export interface DealDetail extends DealSummary {
  related: {
    contacts: (RecordRef & { role: string })[];
    team: (RecordRef & { email: string })[];
  };
}

export interface CaseDetail extends CaseSummary {
  related: Record<string, never>;
}

/** URL segment of each record type, in the API and in the UI alike. */
export const recordPaths = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  deal: 'deals',
  case: 'cases',
} as const;

export type RecordType = keyof typeof recordPaths;

export const recordUrl = (type: RecordType, id: string) =>
  `/${recordPaths[type]}/${encodeURIComponent(id)}`;

/* Mailboxes */

export type SyncState = 'connecting' | 'backfilling' | 'live' | 'retrying' | 'failed' | 'paused';
export type Security = 'tls' | 'starttls' | 'none';
export type DataScope = 'full' | 'no_attachments' | 'metadata';
export type CaptureMode = 'auto' | 'review';

export interface ServerSettings {
  host: string;
  port: number;
  security: Security;
}

export interface ProviderPreset {
  id: string;
  label: string;
  imap: ServerSettings;
  smtp: ServerSettings;
  note: string;
}

/** The body of POST /api/mailboxes and /api/mailboxes/test. */
export interface MailboxInput {
  label: string;
  imap: ServerSettings & { user: string; allowSelfSigned: boolean };
  auth: { kind: 'password'; password: string };
  smtp: (ServerSettings & { sameCredentialsAsIncoming: boolean }) | null;
  folders: string[] | null;
  activityWindowDays: number;
  statsWindowDays: number;
  dataScope: DataScope;
  captureMode: CaptureMode;
  createContacts: boolean;
}

export type ConnectionTest =
  | { ok: true; folders: { path: string; specialUse: string | null; defaultSelected: boolean }[] }
  | { ok: false; code: string; message: string };

export interface Mailbox {
  id: string;
  ownerEmail: string;
  label: string;
  kind: 'imap' | 'import';
  imap: (ServerSettings & { user: string }) | null;
  folders: string[] | null;
  activityWindowDays: number;
  statsWindowDays: number;
  dataScope: DataScope;
  captureMode: CaptureMode;
  createContacts: boolean;
  backfillDoneAt: string | null;
}

export interface FolderStatus {
  path: string;
  specialUse: string | null;
  selected: boolean;
  state: SyncState;
  code: string | null;
  message: string | null;
  attempt: number;
  lastSuccessAt: string | null;
  onServer: number | null;
  captured: number;
  ignored: number;
  failed: number;
}

export interface MailboxStatus {
  mailbox: Mailbox;
  state: SyncState;
  code: string | null;
  message: string | null;
  attempt: number;
  lastSuccessAt: string | null;
  lagSeconds: number | null;
  folders: FolderStatus[];
}

/* Captured mail */

export interface ThreadLink {
  type: RecordType;
  id: string;
  name: string | null;
  reason: string;
  confidence: number;
  source?: 'auto' | 'rule' | 'manual';
}

export interface TimelineThread {
  threadId: string;
  subject: string;
  lastAt: string;
  firstAt: string;
  messageCount: number;
  participants: string[];
  links: ThreadLink[];
}

export interface TimelinePage {
  items: TimelineThread[];
  next: string | null;
}

export interface ActivitySummary {
  messages: number;
  threads: number;
  inbound: number;
  outbound: number;
  lastInboundAt: string | null;
  lastOutboundAt: string | null;
  lastInteractionAt: string | null;
}

export interface ThreadMessageSummary {
  id: string;
  subject: string;
  sentAt: string | null;
  fromAddress: string | null;
  participants: string[];
  bodyOpen: boolean;
  snippet: string | null;
  links: ThreadLink[];
}

export interface ThreadMessages {
  threadId: string;
  links: ThreadLink[];
  messages: ThreadMessageSummary[];
}

export interface Address {
  address: string;
  name: string;
}

export interface MessageView {
  id: string;
  threadId: string;
  subject: string;
  sentAt: string | null;
  from: Address[];
  to: Address[];
  cc: Address[];
  attachments: { filename: string | null; contentType: string; size: number }[];
  bodyStored: boolean;
  text: string | null;
  html: string | null;
  blockedImages: number;
  /** The HTML body is too large to show; `text` is what there is to read. */
  htmlTooLarge: boolean;
}

export interface SearchHit {
  id: string;
  threadId: string;
  subject: string;
  sentAt: string | null;
  fromAddress: string | null;
  snippet: string | null;
}

export interface SearchPage {
  items: SearchHit[];
  nextOffset: number | null;
}

export type LinkEdit =
  | { action: 'add' | 'remove'; type: RecordType; recordId: string }
  | {
      action: 'relink';
      type: RecordType;
      recordId: string;
      from: { type: RecordType; recordId: string };
    };

/* Sales inbox */

export type InboxColumn = 'crm' | 'unknown' | 'colleagues' | 'noise';

export interface InboxThread {
  threadId: string;
  column: InboxColumn;
  /** For `crm` rows: the strongest kind of record the thread is filed on. */
  via: 'deal' | 'contact' | 'lead' | 'case' | 'account' | null;
  subject: string;
  lastAt: string;
  messageCount: number;
  counterpart: { address: string; name: string | null } | null;
  counterpartLead: { id: string; name: string } | null;
  links: { type: RecordType; id: string; name: string | null; reason: string }[];
}

export interface InboxPage {
  columns: Partial<Record<InboxColumn, InboxThread[]>>;
  next: string | null;
}

export interface CreatedLead {
  id: string;
  firstName: string;
  lastName: string;
  company: string;
  emails: string[];
}

/* Sharing, privacy and the audit log */

export type SharingMode = 'private' | 'public' | 'custom';

export interface Colleague {
  id: string;
  email: string;
  name: string;
}

export interface SharingSettings {
  mode: SharingMode;
  excludedDomains: string[];
  /** An admin set mode and excluded domains; the user may still choose whom they share with. */
  imposedByAdmin: boolean;
  sharedWith: Colleague[];
  recordShares: { recordType: RecordType; recordId: string; userId: string }[];
}

export interface DoNotTrackEntry {
  address: string;
  createdAt: string;
}

export interface AuditEntry {
  id: number;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
  at: string;
}

/* The review queue and follow-ups */

export interface ReviewThread {
  threadId: string;
  subject: string;
  lastAt: string;
  messageCount: number;
  participants: string[];
  suggested: ThreadLink[];
  reasons: string[];
}

export interface ReviewPage {
  items: ReviewThread[];
  next: string | null;
}

export type FollowUpState = 'cancelled' | 'replied' | 'due' | 'waiting';

/** Someone a follow-up can be given to. */
export interface Assignee {
  id: string;
  email: string;
  name: string;
}

export interface FollowUp {
  id: string;
  threadId: string;
  subject: string | null;
  assigneeEmail: string;
  createdByEmail: string;
  remindAt: string;
  note: string;
  state: FollowUpState;
}
