import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorBody, type ErrorBody } from '../api-shapes/common.js';
import { isThreadlineError, type ErrorCode } from '../core/errors.js';

/** The only place where an error code becomes an HTTP status. */
const statusByCode: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  LINK_UNKNOWN: 404,
  LINK_EXPIRED: 410,
  LINK_USED: 410,
  LAST_ADMIN: 409,
  PAYLOAD_TOO_LARGE: 413,
  STORE_LOCKED: 409,
  DATABASE_UNAVAILABLE: 503,
  LEASE_LOST: 409,
  NO_SYNC_WORKER: 409,
  VALUE_REFUSED: 422,
  AUTH_FAILED: 422,
  SIGN_IN_AGAIN: 422,
  TLS_ERROR: 422,
  HOST_UNREACHABLE: 422,
  MAIL_HOST_NOT_ALLOWED: 403,
  TIMEOUT: 422,
  THROTTLED: 429,
  FOLDER_MISSING: 422,
  PROTOCOL_ERROR: 502,
  MALFORMED_MESSAGE: 422,
  RECIPIENT_REFUSED: 422,
  SEND_UNCERTAIN: 409,
  SENDER_NOT_VERIFIED: 403,
  QUERY_TIMEOUT: 503,
  // No one reads it: nginx's code for a request its client closed.
  REQUEST_CANCELLED: 499,
  INTERNAL: 500,
};

/** The error codes a status answers with, for the API's description of each error response. */
export function errorCodesOf(status: number): ErrorCode[] {
  return (Object.keys(statusByCode) as ErrorCode[]).filter((code) => statusByCode[code] === status);
}

/** Response schemas of the error statuses a route answers with: the one error body for each. */
export function errorResponses<Status extends number>(...statuses: Status[]) {
  return Object.fromEntries(statuses.map((status) => [status, errorBody])) as Record<
    Status,
    typeof errorBody
  >;
}

export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message: string,
  details?: unknown,
) {
  const body: ErrorBody = {
    error: { code, message, ...(details === undefined ? {} : { details }) },
  };
  return reply.status(statusByCode[code]).send(body);
}

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) => ({
      field: `${error.validationContext ?? 'body'}${issue.instancePath.replaceAll('/', '.')}`,
      message: issue.message,
    }));
    return sendError(
      reply,
      'VALIDATION_FAILED',
      issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '),
      issues,
    );
  }
  if (isThreadlineError(error)) return sendError(reply, error.code, error.message, error.details);
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return sendError(reply, 'PAYLOAD_TOO_LARGE', error.message);
  }
  if (error.statusCode && error.statusCode < 500) {
    return sendError(reply, 'VALIDATION_FAILED', error.message);
  }
  // The message of an unexpected error may quote data; log it, never send it.
  request.log.error({ err: error }, 'unexpected error');
  return sendError(reply, 'INTERNAL', 'Internal error');
}
