import {
  addressBookMultiGet,
  calendarMultiGet,
  createObject,
  deleteObject,
  propfind,
  syncCollection,
  updateObject,
  type DAVResponse,
} from 'tsdav';
import { ThreadlineError } from '../../core/errors.js';

/** How a client signs in to a DAV server: a user name and password, or an OAuth access token. */
export type DavSignIn =
  { readonly username: string; readonly password: string } | { readonly bearerToken: string };

/** Where a collection is and who reads it. */
export interface DavCollectionAccess {
  readonly kind: 'caldav' | 'carddav';
  /** The collection's URL (a calendar or an address book). */
  readonly url: string;
  readonly signIn: DavSignIn;
  readonly signal?: AbortSignal;
}

/** One object of a collection: its URL, its version (ETag) and, when fetched, its text. */
export interface DavObject {
  readonly href: string;
  readonly etag: string;
}

export interface DavObjectData extends DavObject {
  readonly data: string;
}

/** What changed since a sync token: changed objects (without text) and removed hrefs. */
export interface DavChanges {
  readonly changed: readonly DavObject[];
  readonly removed: readonly string[];
  readonly syncToken: string;
}

/** The slice of a CalDAV or CardDAV collection that sync needs, over tsdav. */
export interface DavCollection {
  /**
   * The changes since `syncToken` (all objects when null) by sync-collection
   * (RFC 6578); null when the server does not offer it or no longer knows
   * the token, and the caller lists every object's ETag instead.
   */
  changesSince(syncToken: string | null): Promise<DavChanges | null>;
  /** The collection's CTag, null when the server keeps none. */
  ctag(): Promise<string | null>;
  /** Every object with its ETag. */
  list(): Promise<DavObject[]>;
  /** The text of these objects, in as few requests as the server allows. */
  fetch(hrefs: readonly string[]): Promise<DavObjectData[]>;
  /** Creates (`etag` null) or replaces an object; returns its new ETag, or null when the server gave none. */
  put(href: string, data: string, etag: string | null): Promise<string | null>;
  remove(href: string, etag: string | null): Promise<void>;
}

const multiGetBatch = 500;

export function davCollection(access: DavCollectionAccess): DavCollection {
  const headers = { authorization: authorizationOf(access.signIn) };
  const authFailed = () => refused(access.signIn);
  const base = access.url.endsWith('/') ? access.url : `${access.url}/`;
  const dataProp = access.kind === 'caldav' ? 'c:calendar-data' : 'card:address-data';
  const fetchOptions: RequestInit = access.signal ? { signal: access.signal } : {};
  const absolute = (href: string) => new URL(href, base).toString();
  const objectsOf = (responses: DAVResponse[]) =>
    responses.filter((r) => r.href !== undefined && absolute(r.href) !== base);

  return {
    changesSince: async (syncToken) => {
      const responses = await davCall(authFailed, () =>
        syncCollection({
          url: base,
          props: { 'd:getetag': {} },
          syncLevel: 1,
          ...(syncToken === null ? {} : { syncToken }),
          headers,
          fetchOptions,
        }),
      );
      const first = responses[0];
      // 403/409 with valid-sync-token, or 400/501 from a server without the report.
      if (first && first.status >= 400 && first.status !== 404) {
        if (first.status === 401) throw authFailed();
        return null;
      }
      const token = (first?.raw as { multistatus?: { syncToken?: unknown } } | undefined)
        ?.multistatus?.syncToken;
      if (typeof token !== 'string' && typeof token !== 'number') return null;
      const objects = objectsOf(responses).filter((r) => r.href !== undefined);
      return {
        changed: objects
          .filter((r) => r.status !== 404)
          .map((r) => ({ href: absolute(r.href!), etag: etagOf(r) })),
        removed: objects.filter((r) => r.status === 404).map((r) => absolute(r.href!)),
        syncToken: String(token),
      };
    },
    ctag: async () => {
      const [response] = await davCall(authFailed, () =>
        propfind({ url: base, props: { 'cs:getctag': {} }, depth: '0', headers, fetchOptions }),
      );
      checkStatus(response, base, authFailed);
      const ctag = scalarText((response?.props as { getctag?: unknown } | undefined)?.getctag);
      return ctag === '' ? null : ctag;
    },
    list: async () => {
      const responses = await davCall(authFailed, () =>
        propfind({ url: base, props: { 'd:getetag': {} }, depth: '1', headers, fetchOptions }),
      );
      checkStatus(responses[0], base, authFailed);
      return objectsOf(responses)
        .filter((r) => r.ok)
        .map((r) => ({ href: absolute(r.href!), etag: etagOf(r) }));
    },
    fetch: async (hrefs) => {
      const found: DavObjectData[] = [];
      for (let at = 0; at < hrefs.length; at += multiGetBatch) {
        const objectUrls = hrefs
          .slice(at, at + multiGetBatch)
          .map((href) => new URL(href).pathname);
        const multiGet = access.kind === 'caldav' ? calendarMultiGet : addressBookMultiGet;
        const responses = await davCall(authFailed, () =>
          multiGet({
            url: base,
            props: { 'd:getetag': {}, [dataProp]: {} },
            objectUrls,
            depth: '1',
            headers,
            fetchOptions,
          }),
        );
        checkStatus(responses[0], base, authFailed);
        for (const response of objectsOf(responses).filter((r) => r.ok)) {
          found.push({
            href: absolute(response.href!),
            etag: etagOf(response),
            data: dataOf(response, access.kind),
          });
        }
      }
      return found;
    },
    put: async (href, data, etag) => {
      const contentType = access.kind === 'caldav' ? 'text/calendar' : 'text/vcard';
      const putHeaders = { ...headers, 'content-type': `${contentType}; charset=utf-8` };
      const response = await davCall(authFailed, () =>
        etag === null
          ? createObject({ url: href, data, headers: putHeaders, fetchOptions })
          : updateObject({ url: href, data, etag, headers: putHeaders, fetchOptions }),
      );
      if (response.status === 412) {
        throw new ThreadlineError('CONFLICT', `${href} changed on the server meanwhile`);
      }
      checkStatus(response, href, authFailed);
      return response.headers.get('etag');
    },
    remove: async (href, etag) => {
      const response = await davCall(authFailed, () =>
        deleteObject({ url: href, ...(etag ? { etag } : {}), headers, fetchOptions }),
      );
      if (response.status === 404) return;
      if (response.status === 412) {
        throw new ThreadlineError('CONFLICT', `${href} changed on the server meanwhile`);
      }
      checkStatus(response, href, authFailed);
    },
  };
}

function etagOf(response: DAVResponse): string {
  return scalarText((response.props as { getetag?: unknown } | undefined)?.getetag);
}

// tsdav reads numeric-looking XML text as numbers.
function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function dataOf(response: DAVResponse, kind: DavCollectionAccess['kind']): string {
  const props: Record<string, unknown> = response.props ?? {};
  const value: unknown = props[kind === 'caldav' ? 'calendarData' : 'addressData'];
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return '';
  const { _cdata: cdata, _text: text } = value as { _cdata?: unknown; _text?: unknown };
  return scalarText(cdata ?? text);
}

function authorizationOf(signIn: DavSignIn): string {
  if ('bearerToken' in signIn) return `Bearer ${signIn.bearerToken}`;
  return `Basic ${Buffer.from(`${signIn.username}:${signIn.password}`).toString('base64')}`;
}

function refused(signIn: DavSignIn): ThreadlineError {
  return new ThreadlineError(
    'AUTH_FAILED',
    'bearerToken' in signIn
      ? 'The DAV server refused the mailbox’s access token'
      : 'The DAV server refused the user name or password',
  );
}

function checkStatus(
  response: { status: number; statusText: string } | undefined,
  url: string,
  authFailed: () => ThreadlineError,
) {
  if (!response || response.status < 400) return;
  if (response.status === 401 || response.status === 403) throw authFailed();
  if (response.status === 404) {
    throw new ThreadlineError('FOLDER_MISSING', `No collection or object at ${url}`);
  }
  throw new ThreadlineError(
    'PROTOCOL_ERROR',
    `The DAV server answered ${`${response.status} ${response.statusText}`.trim()}`,
  );
}

/** Runs one tsdav call, turning network failures into our codes. */
async function davCall<T>(authFailed: () => ThreadlineError, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ThreadlineError) throw error;
    if (error instanceof Error && error.name === 'AbortError') {
      throw new ThreadlineError('REQUEST_CANCELLED', 'The sync was stopped');
    }
    // tsdav throws on a multi-get the server answers with an error status.
    const status = /failed: (\d{3})/.exec((error as Error).message)?.[1];
    if (status) {
      checkStatus({ status: Number(status), statusText: '' }, 'the collection', authFailed);
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new ThreadlineError(
      'HOST_UNREACHABLE',
      `The DAV server could not be reached (${detail})`,
    );
  }
}
