import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './errors.js';

/** Deeper than any body the API takes; deeper bodies are refused before any route sees them. */
export const maximumNesting = 32;

/**
 * Refuses a request whose body, query or path holds a NUL character
 * (`\u0000`) in any text, naming where: PostgreSQL text cannot hold it, and
 * the request would otherwise fail deep inside as an internal error. Also
 * refuses a body nested deeper than `maximumNesting`, which nothing here
 * takes and which would only cost every later walk over it.
 */
export async function refuseNulCharacters(request: FastifyRequest, reply: FastifyReply) {
  for (const [value, name] of [
    [request.body, 'body'],
    [request.query, 'query'],
    [request.params, 'params'],
  ] as const) {
    const problem = textProblem(value, name);
    if (problem) return sendError(reply, 'VALIDATION_FAILED', problem);
  }
}

/**
 * What is wrong with the texts under `value`, or null: the path of the first
 * one holding a NUL character, or of the first value nested too deep.
 * Walked with a list rather than recursion, so no depth can overflow the stack.
 */
function textProblem(value: unknown, root: string): string | null {
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value, path: root, depth: 0 },
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value === 'string') {
      if (next.value.includes('\0')) return nulProblem(next.path);
      continue;
    }
    // Binary bodies are bytes, not text.
    if (next.value === null || typeof next.value !== 'object' || ArrayBuffer.isView(next.value)) {
      continue;
    }
    if (next.depth === maximumNesting) {
      return `${next.path}: nested deeper than ${maximumNesting} levels`;
    }
    const entries = Object.entries(next.value);
    for (const [key, item] of entries.reverse()) {
      const path = `${next.path}.${key}`;
      if (key.includes('\0')) return nulProblem(path);
      pending.push({ value: item, path, depth: next.depth + 1 });
    }
  }
  return null;
}

const nulProblem = (path: string) => `${path}: a NUL character (\\u0000) cannot be stored in text`;
