import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { errorResponses } from './errors.js';

/**
 * Responses of a route that puts an entry on a list: 201 when it was added,
 * 200 when it was there already, so a retried request is not an error.
 */
export function additionResponses<Shape extends z.ZodType>(shape: Shape, alreadyThere: string) {
  return { 200: shape.describe(alreadyThere), 201: shape, ...errorResponses(400, 401, 403) };
}

export function sendAddition(reply: FastifyReply, result: { added: boolean }) {
  return reply.code(result.added ? 201 : 200).send(result);
}
