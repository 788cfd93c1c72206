import type { Statement } from './database.js';

/**
 * The messages between the embedded database's proxy (main thread) and its
 * worker. Rows cross by structured clone, which keeps Dates, numbers, parsed
 * jsonb and Uint8Arrays as they are; errors need help, see below.
 */
export type EmbeddedRequest =
  | { id: number; op: 'open'; dataDir?: string; loadDataDir?: ArrayBuffer }
  | { id: number; op: 'query'; sql: string; params: readonly unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'atomically'; statements: readonly Statement[] }
  | { id: number; op: 'begin' }
  | { id: number; op: 'commit'; tx: number }
  | { id: number; op: 'rollback'; tx: number }
  | { id: number; op: 'dump' }
  | { id: number; op: 'close' };

export type EmbeddedReply = { id: number; value: unknown } | { id: number; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  /** The PostgreSQL error fields that were set, SQLSTATE `code` first among them. */
  fields: Record<string, string>;
}

/**
 * What PostgreSQL reports with an error (PGlite's DatabaseError), plus the
 * statement PGlite attaches. Structured clone keeps only an Error's message
 * and name, and callers branch on `code` and `constraint`: these are copied
 * across by hand.
 */
const postgresErrorFields = [
  'severity',
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
  'query',
] as const;

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, string> = {};
  const source = error as unknown as Record<string, unknown>;
  for (const field of postgresErrorFields) {
    const value = source[field];
    if (typeof value === 'string') fields[field] = value;
  }
  return { name: error.name, message: error.message, fields };
}

/** An Error on this side with the worker error's name, message and PostgreSQL fields. */
export function deserializeError(serialized: SerializedError): Error {
  const error = new Error(serialized.message);
  error.name = serialized.name;
  return Object.assign(error, serialized.fields);
}
