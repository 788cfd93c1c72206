/** The slice of the Threadline REST API the UI uses: same origin, session cookie, CSRF header on writes. */

import type { RecordKind } from '../../src/core/records/record-kinds';
import { recordTables } from '../../src/core/records/record-kinds';
import type { Mailbox, MailboxInput, ServerSettings } from '../../src/api-shapes/mailboxes';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For VALIDATION_FAILED: `{ field, message }` for each field at fault. */
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  csrfToken?: string | null;
  signal?: AbortSignal;
}

function isErrorBody(
  value: unknown,
): value is { error: { code: string; message: string; details?: unknown } } {
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
      throw new ApiError(
        response.status,
        payload.error.code,
        payload.error.message,
        payload.error.details,
      );
    }
    throw new ApiError(response.status, 'HTTP_ERROR', `Request failed (HTTP ${response.status})`);
  }
  return payload as T;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}

/*
 * The API's answers, declared once with the routes that send them. Types
 * only: they cost the bundle nothing.
 */
export type { SessionInfo, User } from '../../src/api-shapes/auth';
export type { RecordRef } from '../../src/api-shapes/common';
export type { CreatedLead, InboxColumn, InboxPage, InboxThread } from '../../src/api-shapes/inbox';
export type {
  AccountConnections,
  ClosestColleague,
  ContactConnection,
  DealBuyingRoles,
  GoingColdAccount,
  StrengthWeightsShape,
} from '../../src/api-shapes/insight';
export type {
  ConnectionTest,
  FolderStatus,
  Mailbox,
  MailboxStatus,
  ProviderPreset,
  SyncState,
} from '../../src/api-shapes/mailboxes';
export type {
  ActivitySummary,
  Address,
  LinkEdit,
  MessageView,
  RecordFile,
  SearchHit,
  SearchPage,
  ThreadLink,
  ThreadMessages,
  ThreadMessageSummary,
  TimelinePage,
  TimelineThread,
} from '../../src/api-shapes/mail';
export type { DavSource, RecordMeeting } from '../../src/api-shapes/dav';
export type { Fleet } from '../../src/api-shapes/fleet';
export type { DoNotTrackEntry } from '../../src/api-shapes/privacy';
export type { OutboxItem, Signature } from '../../src/api-shapes/send';
export type { MessageTemplate } from '../../src/api-shapes/templates';
export type {
  AccountDetail,
  AccountSummary,
  CaseDetail,
  CaseSummary,
  ContactDetail,
  ContactSummary,
  ConvertedLead,
  DealDetail,
  DealSummary,
  LeadDetail,
  LeadSummary,
} from '../../src/api-shapes/records';
export type {
  Colleague,
  FollowUp,
  FollowUpState,
  ReviewPage,
  ReviewThread,
} from '../../src/api-shapes/review';
export type { AuditEntry, SharingMode, SharingSettings } from '../../src/api-shapes/sharing';
export type { BreakGlassGrant, BreakGlassInput } from '../../src/api-shapes/break-glass';
export type { Task, TaskInput } from '../../src/api-shapes/tasks';
export type { CaptureAddressView } from '../../src/api-shapes/capture-address';
export type { SendingDomain } from '../../src/api-shapes/sending-domains';
export type { SenderAddress } from '../../src/api-shapes/sender-address';
export type {
  OAuthChoice,
  OAuthRegistration,
  OAuthRegistrationInput,
  SignInStart,
} from '../../src/api-shapes/oauth';
export type {
  DelegatedOutcome,
  Delegation,
  DelegationInput,
} from '../../src/api-shapes/oauth-delegations';
export {
  isRecordKind,
  recordKinds,
  recordTables,
  type RecordKind,
} from '../../src/core/records/record-kinds';

/** A page of a record list, and how many records match in all. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** The web app's address of a record: its table, as in the API. */
export const recordUrl = (type: RecordKind, id: string) =>
  `/${recordTables[type]}/${encodeURIComponent(id)}`;

export type Security = ServerSettings['security'];
export type DataScope = Mailbox['dataScope'];
export type CaptureMode = Mailbox['captureMode'];
export type { MailboxInput };
export type { LastAction, RefileRuns, UndoableAction } from '../../src/api-shapes/live';
