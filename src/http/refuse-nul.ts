import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './errors.js';

/**
 * Refuses a request whose body, query or path holds a NUL character
 * (`\u0000`) in any text, naming where: PostgreSQL text cannot hold it, and
 * the request would otherwise fail deep inside as an internal error.
 */
export async function refuseNulCharacters(request: FastifyRequest, reply: FastifyReply) {
  const where =
    nulPath(request.body, 'body') ??
    nulPath(request.query, 'query') ??
    nulPath(request.params, 'params');
  if (where) {
    return sendError(
      reply,
      'VALIDATION_FAILED',
      `${where}: a NUL character (\\u0000) cannot be stored in text`,
    );
  }
}

/** The path of the first string under `value` that holds a NUL character, or null. */
function nulPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\0') ? path : null;
  // Binary bodies are bytes, not text.
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    const found = nulPath(item, `${path}.${key}`) ?? (key.includes('\0') ? `${path}.${key}` : null);
    if (found) return found;
  }
  return null;
}
