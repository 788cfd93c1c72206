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
  method?: 'GET' | 'POST' | 'DELETE';
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
